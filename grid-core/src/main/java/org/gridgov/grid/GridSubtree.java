package org.gridgov.grid;

/**
 * A subtree of the grid tree, for queries in any module: a row whose grid is in the subtree satisfies
 * {@code grid_node.path >= :path and grid_node.path < :upperBound} (one btree range scan).
 */
public record GridSubtree(long rootId, String path, String upperBound) {
}
