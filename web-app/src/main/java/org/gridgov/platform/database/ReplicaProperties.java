package org.gridgov.platform.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An optional read replica (a streaming standby of the primary). Without {@code url} everything runs on the primary,
 * as with one database. With it, read-only transactions ({@code @Transactional(readOnly = true)}: figures, exports,
 * lists, Open311 GETs) run on the replica while it is at most {@code maxLag} behind; writes, and every request
 * within {@code maxLag} after a write by the same client, run on the primary (see docs/SCALING.md).
 *
 * @param url JDBC URL of the replica; empty: no replica
 * @param username its user (default: the primary's)
 * @param password its password (default: the primary's)
 * @param maxLag the staleness bound: a replica further behind than this gets no reads until it catches up
 * @param checkInterval how often the replica's progress is compared with the primary's
 * @param maximumPoolSize the replica pool's size
 */
@ConfigurationProperties("gridgov.datasource.replica")
public record ReplicaProperties(String url, String username, String password,
        @DefaultValue("5s") Duration maxLag, @DefaultValue("1s") Duration checkInterval,
        @DefaultValue("10") int maximumPoolSize) {
}
