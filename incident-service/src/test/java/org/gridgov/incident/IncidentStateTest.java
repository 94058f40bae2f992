package org.gridgov.incident;

import java.time.Instant;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentStateTest {

    static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    static final Instant PAST = NOW.minusSeconds(60);
    static final Instant FUTURE = NOW.plusSeconds(60);

    @Test
    void every_state_is_open_resolved_or_final_and_only_one_of_them() {
        EnumSet<IncidentState> all = EnumSet.copyOf(IncidentState.OPEN);
        all.add(IncidentState.RESOLVED);
        all.addAll(IncidentState.FINAL);

        assertThat(all).containsExactlyInAnyOrder(IncidentState.values());
        assertThat(IncidentState.OPEN).doesNotContain(IncidentState.RESOLVED).doesNotContainAnyElementsOf(
                IncidentState.FINAL);
        assertThat(IncidentState.OPEN).contains(IncidentState.AWAITING_INFO)
            .containsAll(IncidentState.AWAITING_ACCEPTANCE).containsAll(IncidentState.BEING_HANDLED);
    }

    @Test
    void the_deadline_of_the_state_decides_what_is_overdue() {
        assertThat(IncidentState.SUBMITTED.isOverdue(PAST, FUTURE, NOW)).isTrue();
        assertThat(IncidentState.SUBMITTED.isOverdue(FUTURE, PAST, NOW)).as("not accepted yet: the response deadline")
            .isFalse();
        assertThat(IncidentState.IN_PROGRESS.isOverdue(PAST, FUTURE, NOW)).as("accepted: the resolution deadline")
            .isFalse();
        assertThat(IncidentState.WHISTLED.isOverdue(FUTURE, PAST, NOW)).isTrue();
    }

    @Test
    void waiting_for_the_reporter_resolved_and_final_incidents_are_never_overdue() {
        for (IncidentState state : EnumSet.of(IncidentState.AWAITING_INFO, IncidentState.RESOLVED,
                IncidentState.CLOSED, IncidentState.REJECTED, IncidentState.MERGED)) {
            assertThat(state.isOverdue(PAST, PAST, NOW)).as(state.name()).isFalse();
        }
    }
}
