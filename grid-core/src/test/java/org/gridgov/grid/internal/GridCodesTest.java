package org.gridgov.grid.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridgov.grid.GridType;

import static org.assertj.core.api.Assertions.assertThat;

class GridCodesTest {

    @Test
    void administrative_levels_keep_gb_t_2260_codes_with_their_parents_prefix() {
        assertThat(GridCodes.problem(GridType.DISTRICT, "510107", null)).isNull();
        assertThat(GridCodes.problem(GridType.DISTRICT, "510100", null)).contains("not ending in 00");
        assertThat(GridCodes.problem(GridType.DISTRICT, "D123", null)).contains("6-digit");
        assertThat(GridCodes.problem(GridType.DISTRICT, "510107", "510100")).isNull();
        assertThat(GridCodes.problem(GridType.DISTRICT, "510302", "510100")).contains("starting with 5101");
        assertThat(GridCodes.problem(GridType.STREET, "510107011", "510107")).isNull();
        assertThat(GridCodes.problem(GridType.STREET, "510104011", "510107")).contains("start with the parent's code");
        assertThat(GridCodes.problem(GridType.STREET, "5101070111", "510107")).contains("3 digits");
        assertThat(GridCodes.problem(GridType.COMMUNITY, "510107011003", "510107011")).isNull();
        assertThat(GridCodes.problem(GridType.COMMUNITY, "510107011A03", "510107011")).contains("3 digits");
    }

    @Test
    void grids_below_the_community_take_the_parents_code_a_type_letter_and_a_number() {
        assertThat(GridCodes.problem(GridType.GENERAL_GRID, "510107011003G02", "510107011003")).isNull();
        assertThat(GridCodes.problem(GridType.MICRO_GRID, "510107011003G02M04", "510107011003G02")).isNull();
        assertThat(GridCodes.problem(GridType.DEDICATED_GRID, "510107011003D01", "510107011003")).isNull();
        assertThat(GridCodes.problem(GridType.DEDICATED_GRID, "510107011D120", "510107011")).isNull();
        assertThat(GridCodes.problem(GridType.MICRO_GRID, "510107011003G02G04", "510107011003G02")).contains("'M'");
        assertThat(GridCodes.problem(GridType.MICRO_GRID, "510107011003G02m04", "510107011003G02")).contains("'M'");
        assertThat(GridCodes.problem(GridType.MICRO_GRID, "510107011003G02M4", "510107011003G02")).contains("2-3");
    }

    @Test
    void generated_codes_follow_the_highest_sibling_of_the_same_type() {
        assertThat(GridCodes.next(GridType.MICRO_GRID, "510107011003G02", List.of())).isEqualTo("510107011003G02M01");
        assertThat(GridCodes.next(GridType.MICRO_GRID, "510107011003G02",
                List.of("510107011003G02M01", "510107011003G02M07", "OTHER"))).isEqualTo("510107011003G02M08");
        assertThat(GridCodes.next(GridType.GENERAL_GRID, "510107011003",
                List.of("510107011003G99", "510107011003D05"))).isEqualTo("510107011003G100");
        assertThat(GridCodes.next(GridType.DEDICATED_GRID, "510107011003",
                List.of("510107011003G01"))).isEqualTo("510107011003D01");
    }
}
