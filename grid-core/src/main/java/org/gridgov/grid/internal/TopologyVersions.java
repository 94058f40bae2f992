package org.gridgov.grid.internal;

import org.gridgov.shared.cluster.ClusterEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The topology version (table {@code grid_topology}): bumped inside every transaction that changes where points
 * are located. The row lock serialises those transactions, so versions become visible in order and a reader
 * that sees version V can load every change up to V. Each bump is announced to every node on the cluster channel
 * {@value #CHANNEL} at its commit, so their locate indexes follow at once (they also poll, in case one is missed).
 */
@Component
public class TopologyVersions {

    /** The cluster channel on which committed topology versions are announced (payload: the version). */
    public static final String CHANNEL = "grid_topology";

    private final JdbcTemplate jdbc;
    private final ClusterEvents cluster;

    TopologyVersions(JdbcTemplate jdbc, ClusterEvents cluster) {
        this.jdbc = jdbc;
        this.cluster = cluster;
    }

    /** Takes the next version; must run inside the changing transaction. */
    public long bump() {
        Long version = jdbc.queryForObject("update grid_topology set version = version + 1 where id = 1 returning version",
                Long.class);
        long bumped = version == null ? 0 : version;
        cluster.publish(CHANNEL, Long.toString(bumped));
        return bumped;
    }

    public long current() {
        Long version = jdbc.queryForObject("select version from grid_topology where id = 1", Long.class);
        return version == null ? 0 : version;
    }
}
