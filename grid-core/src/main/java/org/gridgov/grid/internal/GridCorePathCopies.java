package org.gridgov.grid.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;

/**
 * Grid core's own path columns: the tree itself, the scope a grid or staff import ran in, and the pending dirty marks
 * of the figures rollup (a mark inside a moved subtree must move with it, see {@link GridFiguresRollup}).
 */
@Component
class GridCorePathCopies implements GridPathCopies {

    @Override
    public List<GridPathColumn> copies() {
        return List.of(GridPathColumn.of("grid_import_job", "scope_path"),
                GridPathColumn.of("grid_staff_import_job", "scope_path"), GridPathColumn.of("grid_figures_dirty", "path"));
    }

    @Override
    public Map<GridPathColumn, String> notCopies() {
        return Map.of(GridPathColumn.of("grid_node", "path"),
                "the tree itself, the source of every copy: SubtreeMover rewrites it first");
    }
}
