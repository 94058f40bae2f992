package org.gridgov.grid;

import java.util.List;
import java.util.Map;

/**
 * Figures of a grid node and everything under it.
 *
 * @param descendantsByType active descendants per type (the node itself not counted)
 * @param staffByRole staff on duty today per role, in the whole subtree
 * @param gridsWithoutPrimaryWorker active general, micro and dedicated grids with no primary worker on duty
 * @param gridsWithoutBoundary active nodes (the node included) that have no boundary
 * @param coverageGaps per drawn community, the area no micro grid covers — for a community (its own) and a street
 *        (each of its communities); empty for other levels, where it would be too much to compute per request
 * @param extensions figures added by other modules through {@link GridFiguresContributor}, by key
 */
public record GridFigures(GridNodeRef node, Map<GridType, Long> descendantsByType, Map<StaffRole, Long> staffByRole,
        long gridsWithoutPrimaryWorker, long gridsWithoutBoundary, List<CoverageGap> coverageGaps,
        Map<String, Map<String, Object>> extensions) {
}
