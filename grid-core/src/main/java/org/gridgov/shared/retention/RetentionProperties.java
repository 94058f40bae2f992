package org.gridgov.shared.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the platform keeps rows that would otherwise grow without bound ({@code gridgov.retention.*}); the policy
 * per table is in docs/RELIABILITY.md. Each module purges its own tables with a ShedLock job; nothing is removed that
 * is still to be sent or still unread, and the audit log is never purged by the platform (kept at least 3 years,
 * append-only).
 *
 * @param outbox outbox events and their webhook deliveries, counted from a delivery's success (an event goes once
 *        it is that old and none of its deliveries is left)
 * @param failedDeliveries webhook deliveries that were given up on (FAILED; they can be re-sent until then), counted
 *        from their last attempt
 * @param notifications notifications, counted from when they were (last) read; unread ones are kept
 * @param interval how often the purge runs
 * @param batchSize rows deleted per transaction (short transactions, no long locks)
 */
@ConfigurationProperties("gridgov.retention")
public record RetentionProperties(@DefaultValue("P30D") Duration outbox, @DefaultValue("P90D") Duration failedDeliveries,
        @DefaultValue("P180D") Duration notifications, @DefaultValue("PT6H") Duration interval,
        @DefaultValue("5000") int batchSize) {

    /** A duration as seconds, for {@code make_interval(secs => ?)}. */
    public static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
