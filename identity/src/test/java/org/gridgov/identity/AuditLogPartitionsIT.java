package org.gridgov.identity;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16 #12: the audit log lives in monthly partitions (so months past the legal minimum can be detached and
 * archived by an operator instead of deleted row by row), and stays append-only: deletes and updates are refused, but
 * the re-filing of scope_path when a grid moves.
 */
@SpringBootTest
class AuditLogPartitionsIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_audit_log_is_partitioned_by_month_and_every_time_finds_a_partition() {
        assertThat(jdbc.queryForObject("select relkind::text from pg_class where relname = 'audit_event'",
                String.class)).as("a partitioned table").isEqualTo("p");
        assertThat(jdbc.queryForObject("""
                select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
                 where i.inhparent = 'audit_event'::regclass and c.relname ~ '^audit_event_y20[0-9]{2}m[0-9]{2}$'
                """, Integer.class)).as("monthly partitions, January 2026 to December 2031").isGreaterThanOrEqualTo(72);

        assertThat(partitionOf(insert("2026-03-15 10:00:00+00"))).isEqualTo("audit_event_y2026m03");
        assertThat(partitionOf(insert("2031-12-31 23:59:59+00"))).isEqualTo("audit_event_y2031m12");
        assertThat(partitionOf(insert("2045-01-01 00:00:00+00"))).as("beyond the partitions made ahead")
            .isEqualTo("audit_event_default");
        long now = jdbc.queryForObject("""
                insert into audit_event (actor, action, scope_path) values ('partition-test', 'TEST_NOW', '/1/')
                returning id""", Long.class);
        assertThat(partitionOf(now)).startsWith("audit_event_y20");
    }

    @Test
    void the_partitioned_audit_log_stays_append_only_but_follows_a_moved_grid() {
        long id = insert("2026-06-01 08:00:00+00");

        assertThatThrownBy(() -> jdbc.update("delete from audit_event where id = ?", id))
            .hasMessageContaining("audit_event is append-only");
        assertThatThrownBy(() -> jdbc.update("update audit_event set action = 'FORGED' where id = ?", id))
            .hasMessageContaining("audit_event is append-only");
        assertThatThrownBy(() -> jdbc.update("update audit_event set actor = 'someone-else' where id = ?", id))
            .hasMessageContaining("audit_event is append-only");

        jdbc.update("update audit_event set scope_path = '/1/99/' where id = ?", id);
        assertThat(jdbc.queryForObject("select scope_path from audit_event where id = ?", String.class, id))
            .isEqualTo("/1/99/");
        assertThat(jdbc.queryForList("select action from audit_event where id = ?", String.class, id))
            .isEqualTo(List.of("PARTITION_TEST"));
    }

    private long insert(String occurredAt) {
        return jdbc.queryForObject("""
                insert into audit_event (occurred_at, actor, action, scope_path)
                values (cast(? as timestamptz), 'partition-test', 'PARTITION_TEST', '/1/') returning id""",
                Long.class, occurredAt);
    }

    private String partitionOf(long id) {
        return jdbc.queryForObject("select tableoid::regclass::text from audit_event where id = ?", String.class, id);
    }
}
