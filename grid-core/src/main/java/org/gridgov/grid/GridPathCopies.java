package org.gridgov.grid;

import java.util.List;
import java.util.Map;

/**
 * Extension point: a module names the columns of its tables that keep a copy of a grid's materialized path
 * ({@code grid_path}, {@code community_path}, a job's {@code scope_path} …). When a grid moves to another parent,
 * grid core rewrites the tree and every declared copy under the moved grid in the same transaction, then publishes
 * {@link org.gridgov.shared.event.GridSubtreeMoved} — so data scope, figures and lists follow the grid at once.
 * <p>
 * Implementations are Spring beans, one per module. Every path-like column of the schema ({@code path} or
 * {@code *_path}, {@code varchar collate "C"}) must be named either in {@link #copies()} or in
 * {@link #notCopies()} with the reason; a platform test reads {@code information_schema} and fails on a column
 * nobody declared, so a new table cannot be forgotten.
 */
public interface GridPathCopies {

    /** Columns holding a copy of some grid's path, rebased when a subtree moves. */
    List<GridPathColumn> copies();

    /**
     * Path-like columns of the module's tables that must <em>not</em> be rebased, each with the reason (derived
     * from another column by a trigger, say).
     */
    default Map<GridPathColumn, String> notCopies() {
        return Map.of();
    }
}
