package org.gridgov.resident.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;

/**
 * Every place, person, visit, inspection and import of residents keeps the path of its grid (or community) for
 * scope filtering; all of them follow a moved grid. The staging rows of a running import too, so an import checked
 * before a move writes the new paths. The figure rollups follow by themselves: the {@code resident_figures} triggers
 * take a person's or a dwelling's sums off its old ancestors and add them to its new ones when its {@code grid_path}
 * is rebased.
 */
@Component
class ResidentPathCopies implements GridPathCopies {

    @Override
    public List<GridPathColumn> copies() {
        return List.of(GridPathColumn.of("resident_compound", "community_path"),
                GridPathColumn.of("resident_dwelling", "grid_path"), GridPathColumn.of("resident_place", "grid_path"),
                GridPathColumn.of("resident_person", "grid_path"), GridPathColumn.of("resident_visit", "grid_path"),
                GridPathColumn.of("resident_inspection_campaign", "node_path"),
                GridPathColumn.of("resident_inspection", "grid_path"), GridPathColumn.of("resident_hazard", "grid_path"),
                GridPathColumn.of("resident_import_job", "scope_path"),
                GridPathColumn.of("resident_import_row", "community_path"),
                GridPathColumn.of("resident_import_row", "grid_path"));
    }

    @Override
    public Map<GridPathColumn, String> notCopies() {
        String reason = "a node's path derived from resident_person.grid_path and resident_dwelling.grid_path by the "
                + "resident_figures triggers, which move the sums to the new ancestors when those are rebased";
        return Map.of(GridPathColumn.of("resident_figures", "node_path"), reason,
                GridPathColumn.of("resident_figures_verified", "node_path"), reason,
                GridPathColumn.of("resident_figures_care", "node_path"), reason);
    }
}
