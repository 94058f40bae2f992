package org.gridgov.console;

import org.junit.jupiter.api.Test;

import org.gridgov.grid.GridType;

import static org.assertj.core.api.Assertions.assertThat;

/** Which levels the figures section lists below a node, zero or not. */
class GridFiguresSectionTest {

    @Test
    void lists_only_micro_grids_below_a_general_grid() {
        assertThat(GridFiguresSection.levelsBelow(GridType.GENERAL_GRID)).containsExactly(GridType.MICRO_GRID);
    }

    @Test
    void lists_every_grid_level_below_a_community() {
        assertThat(GridFiguresSection.levelsBelow(GridType.COMMUNITY)).containsExactlyInAnyOrder(
                GridType.GENERAL_GRID, GridType.MICRO_GRID, GridType.DEDICATED_GRID);
    }

    @Test
    void lists_nothing_below_a_micro_grid() {
        assertThat(GridFiguresSection.levelsBelow(GridType.MICRO_GRID)).isEmpty();
    }
}
