package org.gridgov.grid;

import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;

/**
 * A subtree of the grid tree, for queries in any module: a row whose grid is in the subtree satisfies
 * {@link #sql(String) subtree.sql("alias.grid_path")}, the predicate of the subtree's {@link #range() PathRange}
 * (one btree range scan). Modules take their predicate from here rather than writing the range themselves.
 *
 * @param rootId the subtree's root grid
 * @param path the root's materialized path ({@code /1/12/})
 */
public record GridSubtree(long rootId, String path) {

    public GridSubtree {
        PathRange.under(path); // a materialized path, or an IllegalArgumentException here rather than bad SQL later
    }

    /** The materialized paths of the subtree, the root included. */
    public PathRange range() {
        return PathRange.under(path);
    }

    /** The predicate "the grid path in {@code column} lies in this subtree", the root included. */
    public SqlPredicate sql(String column) {
        return range().sql(column);
    }

    /**
     * How many ids the root's path holds: 1 for a root ({@code /1/}), 2 for its children … The depth the figure
     * rollups keep rows for (the rollup migrations count the ids of a path the same way).
     */
    public int depth() {
        int ids = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                ids++;
            }
        }
        return ids;
    }

    /** The first path after the subtree, exclusive ({@link PathRange#upperBound(String)}). Prefer {@link #sql}. */
    public String upperBound() {
        return PathRange.upperBound(path);
    }
}
