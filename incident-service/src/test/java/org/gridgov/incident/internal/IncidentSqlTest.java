package org.gridgov.incident.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL spells each state list the way the partial index that serves it does (see the incident migrations). */
class IncidentSqlTest {

    @Test
    void open_is_written_as_the_sensor_index_has_it() {
        assertThat(IncidentSql.open("i")).isEqualTo("i.state not in ('RESOLVED', 'CLOSED', 'REJECTED', 'MERGED')");
    }

    @Test
    void not_final_is_written_as_the_duplicate_lookup_indexes_have_it() {
        assertThat(IncidentSql.notFinal("")).isEqualTo("state not in ('CLOSED', 'REJECTED', 'MERGED')");
    }

    @Test
    void overdue_takes_the_deadline_that_runs_in_the_state() {
        assertThat(IncidentSql.overdue("o")).isEqualTo(
                "((o.state in ('SUBMITTED', 'ESCALATED', 'REOPENED') and o.accept_due_at < now())"
                        + " or (o.state in ('ACCEPTED', 'IN_PROGRESS', 'WHISTLED') and o.resolve_due_at < now()))");
        assertThat(IncidentSql.deadlineRunning("o")).isEqualTo(
                "o.state in ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'ESCALATED', 'WHISTLED', 'REOPENED')");
    }
}
