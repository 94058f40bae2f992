package org.gridgov.grid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GridTypeTest {

    @Test
    void each_level_hangs_under_the_level_above() {
        assertThat(GridType.CITY.allowedParents()).isEmpty();
        assertThat(GridType.DISTRICT.mayHangUnder(GridType.CITY)).isTrue();
        assertThat(GridType.STREET.mayHangUnder(GridType.DISTRICT)).isTrue();
        assertThat(GridType.COMMUNITY.mayHangUnder(GridType.STREET)).isTrue();
        assertThat(GridType.GENERAL_GRID.mayHangUnder(GridType.COMMUNITY)).isTrue();
        assertThat(GridType.MICRO_GRID.mayHangUnder(GridType.GENERAL_GRID)).isTrue();
        assertThat(GridType.MICRO_GRID.mayHangUnder(GridType.COMMUNITY)).isFalse();
    }

    @Test
    void a_city_or_a_district_may_be_a_root_and_nothing_below_them() {
        assertThat(GridType.roots()).containsExactly(GridType.CITY, GridType.DISTRICT);
        for (GridType type : GridType.values()) {
            assertThat(type.mayBeRoot()).as(type.name()).isEqualTo(type == GridType.CITY || type == GridType.DISTRICT);
        }
        assertThat(GridType.CITY.locatePriority()).isLessThan(GridType.DISTRICT.locatePriority());
    }

    @Test
    void a_dedicated_grid_hangs_under_a_community_or_a_street_and_wins_a_locate() {
        assertThat(GridType.DEDICATED_GRID.allowedParents()).containsExactlyInAnyOrder(GridType.COMMUNITY,
                GridType.STREET);
        assertThat(GridType.DEDICATED_GRID.locatePriority()).isGreaterThan(GridType.MICRO_GRID.locatePriority());
        assertThat(GridType.MICRO_GRID.locatePriority()).isGreaterThan(GridType.GENERAL_GRID.locatePriority());
    }
}
