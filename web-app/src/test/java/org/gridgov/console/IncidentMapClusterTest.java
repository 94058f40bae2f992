package org.gridgov.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridgov.incident.IncidentQueries.MapPoint;
import org.gridgov.incident.IncidentState;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentMapClusterTest {

    static MapPoint point(long id, double lat, double lng, boolean overdue) {
        return new MapPoint(id, "SS" + id, IncidentState.SUBMITTED, lat, lng, overdue);
    }

    @Test
    void nearby_incidents_form_one_cluster_that_counts_the_overdue_and_far_ones_stay_apart() {
        List<MapPoint> points = List.of(point(1, 30.5725, 103.9351, true), point(2, 30.5726, 103.9352, false),
                point(3, 30.6600, 104.0600, false));

        var clusters = IncidentMapConsoleController.cluster(points, 10);

        assertThat(clusters).hasSize(2);
        assertThat(clusters.get(0).count()).isEqualTo(2);
        assertThat(clusters.get(0).overdue()).isEqualTo(1);
        assertThat(clusters.get(0).id()).isNull();
        assertThat(clusters.get(1).id()).isEqualTo(3L);
        assertThat(clusters.get(1).trackingCode()).isEqualTo("SS3");
    }

    @Test
    void zooming_in_splits_a_cluster_into_single_incidents() {
        List<MapPoint> points = List.of(point(1, 30.5725, 103.9351, false), point(2, 30.5760, 103.9390, false));

        assertThat(IncidentMapConsoleController.cluster(points, 8)).hasSize(1);
        assertThat(IncidentMapConsoleController.cluster(points, 18)).hasSize(2);
    }
}
