package org.gridgov.grid.internal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The topology version (table {@code grid_topology}): bumped inside every transaction that changes where points
 * are located. The row lock serialises those transactions, so versions become visible in order and a reader
 * that sees version V can load every change up to V.
 */
@Component
public class TopologyVersions {

    private final JdbcTemplate jdbc;

    TopologyVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the next version; must run inside the changing transaction. */
    public long bump() {
        Long version = jdbc.queryForObject("update grid_topology set version = version + 1 where id = 1 returning version",
                Long.class);
        return version == null ? 0 : version;
    }

    public long current() {
        Long version = jdbc.queryForObject("select version from grid_topology where id = 1", Long.class);
        return version == null ? 0 : version;
    }
}
