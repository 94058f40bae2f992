package org.gridgov.grid;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import org.gridgov.shared.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoordSystemTest {

    /** 天府广场, Chengdu, in WGS84. */
    static final double LAT = 30.6570;
    static final double LNG = 104.0659;

    @Test
    void gcj02_is_offset_by_a_few_hundred_metres_in_chengdu_and_converts_back_exactly() {
        GeoPoint gcj = CoordSystem.wgs84ToGcj02(LAT, LNG);
        double metresEast = (gcj.lng() - LNG) * 111_320 * Math.cos(Math.toRadians(LAT));
        double metresNorth = (gcj.lat() - LAT) * 110_574;

        assertThat(Math.hypot(metresEast, metresNorth)).isBetween(200.0, 800.0);
        GeoPoint back = CoordSystem.GCJ02.toWgs84(gcj.lat(), gcj.lng());
        assertThat(back.lat()).isCloseTo(LAT, Offset.offset(1e-7));
        assertThat(back.lng()).isCloseTo(LNG, Offset.offset(1e-7));
    }

    @Test
    void bd09_converts_back_to_wgs84() {
        GeoPoint gcj = CoordSystem.wgs84ToGcj02(LAT, LNG);
        GeoPoint bd = CoordSystem.gcj02ToBd09(gcj.lat(), gcj.lng());

        GeoPoint back = CoordSystem.BD09.toWgs84(bd.lat(), bd.lng());

        assertThat(back.lat()).isCloseTo(LAT, Offset.offset(1e-6));
        assertThat(back.lng()).isCloseTo(LNG, Offset.offset(1e-6));
    }

    @Test
    void outside_china_gcj02_is_wgs84() {
        GeoPoint london = CoordSystem.GCJ02.toWgs84(51.5, -0.12);

        assertThat(london).isEqualTo(new GeoPoint(51.5, -0.12));
    }

    @Test
    void out_of_range_coordinates_are_refused_naming_the_field() {
        assertThatThrownBy(() -> CoordSystem.WGS84.toWgs84(95, 104)).isInstanceOf(DomainException.class)
            .satisfies(ex -> assertThat(((DomainException) ex).violations().get(0).field()).isEqualTo("lat"));
        assertThatThrownBy(() -> CoordSystem.BD09.toWgs84(30, Double.NaN)).isInstanceOf(DomainException.class)
            .satisfies(ex -> assertThat(((DomainException) ex).violations().get(0).field()).isEqualTo("lng"));
    }
}
