package org.gridgov.console;

import org.gridgov.shared.security.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gridgov.incident.IncidentQueries;
import org.gridgov.incident.IncidentQueries.MapPoint;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The map of open incidents. Points are clustered on the server by square cells whose size follows the zoom
 * level, so a city-wide view sends a few hundred clusters, not thousands of markers; each cluster says how many
 * incidents it holds and how many are overdue, and at street level single incidents link to their page.
 */
@Controller
class IncidentMapConsoleController {

    static final int LIMIT = 20_000;

    private final IncidentQueries incidents;
    private final ConsoleMapProperties map;

    IncidentMapConsoleController(IncidentQueries incidents, ConsoleMapProperties map) {
        this.incidents = incidents;
        this.map = map;
    }

    @GetMapping("/incidents/map")
    @PreAuthorize(Role.Expressions.GRID_STAFF_AND_DEPARTMENTS)
    String page(org.springframework.ui.Model model) {
        model.addAttribute("map", map);
        return "incidents/map";
    }

    /** One cluster: its centre, how many open incidents and how many overdue; a single one carries its id. */
    public record Cluster(double lat, double lng, int count, int overdue, Long id, String trackingCode) {
    }

    @GetMapping(path = "/incidents/map.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Role.Expressions.GRID_STAFF_AND_DEPARTMENTS)
    ResponseEntity<List<Cluster>> clusters(@RequestParam(defaultValue = "12") int zoom) {
        return ResponseEntity.ok(cluster(incidents.openOnMap(LIMIT), Math.max(1, Math.min(zoom, 20))));
    }

    /** Groups points into cells of 360/2^(zoom+1) degrees (about 60 px at that zoom); the centre is the mean. */
    static List<Cluster> cluster(List<MapPoint> points, int zoom) {
        double cell = 360.0 / Math.pow(2, zoom + 1);
        Map<String, List<MapPoint>> cells = new LinkedHashMap<>();
        for (MapPoint point : points) {
            String key = Math.floor(point.lat() / cell) + ":" + Math.floor(point.lng() / cell);
            cells.computeIfAbsent(key, k -> new ArrayList<>()).add(point);
        }
        List<Cluster> clusters = new ArrayList<>(cells.size());
        for (List<MapPoint> members : cells.values()) {
            double lat = members.stream().mapToDouble(MapPoint::lat).average().orElse(0);
            double lng = members.stream().mapToDouble(MapPoint::lng).average().orElse(0);
            int overdue = (int) members.stream().filter(MapPoint::overdue).count();
            MapPoint single = members.size() == 1 ? members.get(0) : null;
            clusters.add(new Cluster(lat, lng, members.size(), overdue, single == null ? null : single.id(),
                    single == null ? null : single.trackingCode()));
        }
        return clusters;
    }
}
