package org.gridgov.shared.notification;

import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.shared.retention.RetentionProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgets notifications {@code gridgov.retention.notifications} (180 days) after they were read: one addressed to an
 * account once that account read it that long ago; one addressed to a role or a department once every read mark it
 * has is that old (someone of them read it, and nobody since). Unread notifications are kept.
 */
@Component
public class NotificationRetention {

    private static final Logger log = LoggerFactory.getLogger(NotificationRetention.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RetentionProperties properties;

    NotificationRetention(JdbcTemplate jdbc, TransactionTemplate tx, RetentionProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
    }

    /** @return how many notifications were deleted */
    public int purge() {
        int total = 0;
        int deleted;
        do {
            Integer batch = tx.execute(status -> purgeBatch());
            deleted = batch == null ? 0 : batch;
            total += deleted;
        }
        while (deleted == properties.batchSize());
        return total;
    }

    private int purgeBatch() {
        List<Long> ids = jdbc.queryForList("""
                select r.notification_id from notification_read r
                 group by r.notification_id
                having max(r.read_at) < now() - make_interval(secs => ?)
                 limit ?""", Long.class, RetentionProperties.seconds(properties.notifications()),
                properties.batchSize());
        if (ids.isEmpty()) {
            return 0;
        }
        Long[] doomed = ids.toArray(Long[]::new);
        jdbc.update("delete from notification_read where notification_id = any (?)", (Object) doomed);
        return jdbc.update("delete from notification where id = any (?)", (Object) doomed);
    }

    @Component
    @ConditionalOnProperty(name = "gridgov.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class NotificationRetentionJob {

        private final NotificationRetention retention;

        NotificationRetentionJob(NotificationRetention retention) {
            this.retention = retention;
        }

        @Scheduled(fixedDelayString = "${gridgov.retention.interval:PT6H}", initialDelayString = "PT2M")
        @SchedulerLock(name = "notification-retention", lockAtMostFor = "PT30M")
        void purge() {
            int deleted = retention.purge();
            if (deleted > 0) {
                log.info("Forgot {} notifications read more than {} ago", deleted,
                        retention.properties.notifications());
            }
        }
    }
}
