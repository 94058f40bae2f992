package org.gridgov.grid.internal;

/**
 * Statements on a whole subtree of grid nodes at once, written in SQL whose path range comes from
 * {@link org.gridgov.shared.scope.PathRange} (a Spring Data query method would have to spell the range itself).
 * Part of {@link GridNodeRepository}.
 */
public interface SubtreePaths {

    /**
     * Rewrites the paths and depths under a moved node (the node itself excluded: it is updated through its entity),
     * in one statement. Pending changes are flushed first and the persistence context is cleared afterwards, so no
     * loaded descendant keeps its old path.
     *
     * @param oldPath the moved node's path before the move
     * @param newPath its path after the move
     * @return the number of descendants rewritten
     */
    int rebaseSubtree(String oldPath, String newPath, int depthDelta, long topologyVersion);
}
