package org.gridgov.participation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Walking time and the cell grid behind the nearest-facility search, without Spring. */
class WalkingTimeTest {

    final LifeCircleProperties walking = new LifeCircleProperties(1.3, 1.2);

    @Test
    void fifteen_minutes_are_831_straight_metres_at_1_3_detour_and_1_2_metres_a_second() {
        assertThat(walking.straightMetres(15)).isCloseTo(830.77, within(0.01));
        assertThat(walking.minutes(830.77)).isCloseTo(15, within(0.001));
        assertThat(walking.minutes(277)).isCloseTo(5.0, within(0.01));
    }

    @Test
    void the_method_is_named_with_its_factor_and_speed_and_says_it_is_no_route() {
        assertThat(walking.method()).isEqualTo("straight-line (haversine) distance × 1.30 detour factor at 1.2 m/s "
                + "(4.3 km/h, 72 m/min); an estimate, not a street-network route");
    }

    @Test
    void refuses_a_detour_factor_below_one_or_a_running_speed() {
        assertThatThrownBy(() -> new LifeCircleProperties(0.9, 1.2)).hasMessageContaining("detour-factor");
        assertThatThrownBy(() -> new LifeCircleProperties(1.3, 4)).hasMessageContaining("walking-speed");
    }

    @Test
    void haversine_of_one_degree_of_latitude_is_111_km() {
        assertThat(WalkingGrid.haversine(30, 104, 31, 104)).isCloseTo(111_195, within(1.0));
    }

    @Test
    void the_cell_grid_finds_the_nearest_facility_as_looking_at_every_one_does_to_within_half_a_metre() {
        Random random = new Random(7);
        double reach = walking.straightMetres(15);
        WalkingGrid grid = new WalkingGrid(reach * 1.05, 30.6);
        List<WalkingGrid.Spot> spots = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            WalkingGrid.Spot spot = new WalkingGrid.Spot(i, 30.58 + random.nextDouble() * 0.05,
                    104.03 + random.nextDouble() * 0.05);
            spots.add(spot);
            grid.add(spot);
        }
        for (int i = 0; i < 2000; i++) {
            double lat = 30.57 + random.nextDouble() * 0.07;
            double lng = 104.02 + random.nextDouble() * 0.07;
            WalkingGrid.Spot best = null;
            double bestMetres = reach;
            for (WalkingGrid.Spot spot : spots) {
                double metres = WalkingGrid.haversine(lat, lng, spot.lat(), spot.lng());
                if (metres <= bestMetres) {
                    bestMetres = metres;
                    best = spot;
                }
            }
            WalkingGrid.Nearest found = grid.nearest(lat, lng, reach);
            if (best == null) {
                assertThat(found).isNull();
            }
            else if (bestMetres < reach - 1) { // right at the edge of reach either answer is fair
                assertThat(found).isNotNull();
                assertThat(found.metres()).isCloseTo(bestMetres, within(0.5));
            }
        }
    }

    @Test
    void kinds_and_levels_are_read_by_enum_name_or_chinese_name() {
        assertThat(FacilityKind.parse("医疗养老")).contains(FacilityKind.HEALTH_ELDERLY);
        assertThat(FacilityKind.parse("green-leisure")).contains(FacilityKind.GREEN_LEISURE);
        assertThat(FacilityKind.parse("医院")).isEmpty();
        assertThat(FacilityLevel.parse("5-10分钟")).contains(FacilityLevel.FIVE_TO_TEN_MINUTES);
        assertThat(FacilityLevel.parse("5–10")).contains(FacilityLevel.FIVE_TO_TEN_MINUTES);
        assertThat(FacilityLevel.parse("15分钟")).contains(FacilityLevel.FIFTEEN_MINUTES);
        assertThat(FacilityLevel.parse("FIFTEEN_MINUTES")).contains(FacilityLevel.FIFTEEN_MINUTES);
    }
}
