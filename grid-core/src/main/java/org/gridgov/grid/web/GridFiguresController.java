package org.gridgov.grid.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.gridgov.grid.GridFigures;
import org.gridgov.grid.GridFiguresService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Figures of a grid and everything under it. */
@RestController
@Tag(name = "Grids")
class GridFiguresController {

    private final GridFiguresService figures;

    GridFiguresController(GridFiguresService figures) {
        this.figures = figures;
    }

    @GetMapping("/api/v1/grids/{id}/figures")
    @Operation(summary = "Figures of a grid", description = "Descendants by type, staff on duty by role, grids "
            + "without a primary worker or a boundary, and the figures other modules contribute.")
    GridFigures figures(@PathVariable long id) {
        return figures.figures(id);
    }
}
