package org.gridgov.shared.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 16 #12: notifications go 180 days after they were read; unread and recently read ones stay. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationRetentionIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    NotificationRetention retention;

    @Test
    void removes_notifications_half_a_year_after_they_were_read_and_keeps_unread_ones() {
        long readLongAgo = toAccount("400 days");
        read(readLongAgo, 9001, "200 days");
        long readRecently = toAccount("400 days");
        read(readRecently, 9001, "10 days");
        long unreadOld = toAccount("400 days");
        long roleReadLongAgo = toRole("400 days");
        read(roleReadLongAgo, 9002, "300 days");
        read(roleReadLongAgo, 9003, "200 days");
        long roleReadRecently = toRole("400 days");
        read(roleReadRecently, 9002, "300 days");
        read(roleReadRecently, 9003, "3 days");

        assertThat(retention.purge()).isGreaterThanOrEqualTo(2);

        assertThat(exists(readLongAgo)).as("read 200 days ago").isFalse();
        assertThat(exists(roleReadLongAgo)).as("to a role, last read 200 days ago").isFalse();
        assertThat(jdbc.queryForObject("select count(*) from notification_read where notification_id in (?, ?)",
                Long.class, readLongAgo, roleReadLongAgo)).isZero();
        assertThat(exists(readRecently)).isTrue();
        assertThat(exists(unreadOld)).as("never read").isTrue();
        assertThat(exists(roleReadRecently)).as("someone of the role read it 3 days ago").isTrue();
    }

    long toAccount(String age) {
        return jdbc.queryForObject("""
                insert into notification (kind, recipient_kind, account_id, message, created_at)
                values ('RETENTION_TEST', 'ACCOUNT', 9001, 'm', now() - cast(? as interval)) returning id""",
                Long.class, age);
    }

    long toRole(String age) {
        return jdbc.queryForObject("""
                insert into notification (kind, recipient_kind, role, node_id, message, created_at)
                values ('RETENTION_TEST', 'ROLE_AT_NODE', 'GRID_WORKER', 1, 'm', now() - cast(? as interval))
                returning id""", Long.class, age);
    }

    void read(long notification, long account, String ago) {
        jdbc.update("insert into notification_read (notification_id, account_id, read_at) "
                + "values (?, ?, now() - cast(? as interval))", notification, account, ago);
    }

    boolean exists(long id) {
        return jdbc.queryForObject("select exists (select 1 from notification where id = ?)", Boolean.class, id);
    }
}
