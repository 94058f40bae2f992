package org.gridgov.resident.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;

/**
 * Every place, person, visit, inspection and import of residents keeps the path of its grid (or community) for
 * scope filtering; all of them follow a moved grid. The staging rows of a running import too, so an import checked
 * before a move writes the new paths.
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
}
