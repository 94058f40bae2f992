package org.gridgov.shared.event;

import java.util.Map;

/**
 * A grid and everything under it moved to another parent: its materialized path, and with it the path of every
 * descendant, changed from {@code oldPath…} to {@code newPath…}. Published by grid core inside the moving
 * transaction after the tree and every module's declared path copies were rebased (so a synchronous listener
 * already reads the new paths); for caches that keep paths, and for the modules' own follow-ups.
 *
 * @param nodeId the moved grid (the root of the moved subtree)
 * @param oldPath its path before the move ({@code /1/12/140/})
 * @param newPath its path after the move
 * @param rebased rows rewritten per column ({@code incident.grid_path} → 17), {@code grid_node.path} included
 */
public record GridSubtreeMoved(long nodeId, String oldPath, String newPath, Map<String, Integer> rebased) {

    public GridSubtreeMoved {
        rebased = Map.copyOf(rebased);
    }

    /** Rows rewritten in all columns together. */
    public int total() {
        return rebased.values().stream().mapToInt(Integer::intValue).sum();
    }
}
