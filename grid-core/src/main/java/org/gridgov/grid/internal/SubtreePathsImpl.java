package org.gridgov.grid.internal;

import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.JdbcTemplate;

import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;

/** {@link SubtreePaths} with JDBC, in the transaction of the JPA repository that it is part of. */
class SubtreePathsImpl implements SubtreePaths {

    private final JdbcTemplate jdbc;
    private final EntityManager entities;

    SubtreePathsImpl(JdbcTemplate jdbc, EntityManager entities) {
        this.jdbc = jdbc;
        this.entities = entities;
    }

    @Override
    public int rebaseSubtree(String oldPath, String newPath, int depthDelta, long topologyVersion) {
        SqlPredicate below = PathRange.under(oldPath).sqlBelow("path");
        entities.flush();
        int rows = jdbc.update("""
                update grid_node
                   set path = ? || substring(path from length(?) + 1),
                       depth = depth + ?, topology_version = ?, updated_at = now(),
                       version = version + 1
                 where %s""".formatted(below.sql()),
                below.argsAfter(newPath, oldPath, depthDelta, topologyVersion));
        entities.clear();
        return rows;
    }
}
