package org.gridgov.console;

import org.gridgov.shared.security.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gridgov.grid.DepartmentService;
import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.incident.IncidentQueries;
import org.gridgov.incident.IncidentQueries.MapPoint;
import org.gridgov.incident.IncidentState;
import org.gridgov.shared.DomainException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The map of open incidents. Points are clustered on the server by square cells whose size follows the zoom
 * level, so a city-wide view sends a few hundred clusters, not thousands of markers; each cluster says how many
 * incidents it holds and how many are overdue, and at street level single incidents link to their page. The
 * boundaries of the viewer's area and its children are drawn underneath (the grid pages' own map data), and the
 * clusters follow the page's filters (state, category, overdue only).
 */
@Controller
class IncidentMapConsoleController {

    static final int LIMIT = 20_000;

    private final IncidentQueries incidents;
    private final ConsoleMapProperties map;
    private final GridDirectory grids;
    private final DepartmentService departments;
    private final JdbcTemplate jdbc;

    IncidentMapConsoleController(IncidentQueries incidents, ConsoleMapProperties map, GridDirectory grids,
            DepartmentService departments, JdbcTemplate jdbc) {
        this.incidents = incidents;
        this.map = map;
        this.grids = grids;
        this.departments = departments;
        this.jdbc = jdbc;
    }

    @GetMapping("/incidents/map")
    @PreAuthorize(Role.Expressions.GRID_STAFF_AND_DEPARTMENTS)
    String page(@RequestParam(required = false) IncidentState state, @RequestParam(required = false) String category,
            @RequestParam(defaultValue = "false") boolean overdue, @AuthenticationPrincipal ScopedPrincipal me,
            org.springframework.ui.Model model) {
        String categoryCode = category == null || category.isBlank() ? null : category.strip();
        UriComponentsBuilder data = UriComponentsBuilder.fromPath("/incidents/map.json");
        if (state != null) {
            data.queryParam("state", state.name());
        }
        if (categoryCode != null) {
            data.queryParam("category", categoryCode);
        }
        if (overdue) {
            data.queryParam("overdue", true);
        }
        model.addAttribute("map", map);
        model.addAttribute("dataUrl", data.encode().toUriString());
        model.addAttribute("area", area(me));
        model.addAttribute("state", state);
        model.addAttribute("category", categoryCode);
        model.addAttribute("overdue", overdue);
        model.addAttribute("states", IncidentState.OPEN);
        model.addAttribute("categories", jdbc.query("select code, name from incident_category where active order by code",
                (rs, row) -> new IncidentConsoleController.Category(rs.getString(1), rs.getString(2))));
        return "incidents/map";
    }

    /**
     * The grid whose boundary (and its children's) frames the map: the viewer's own, their department's, or for
     * those who see everything the first root; null when there is none.
     */
    private GridNodeRef area(ScopedPrincipal me) {
        try {
            if (me.scopeNodeId() != null) {
                return grids.byId(me.scopeNodeId()).orElse(null);
            }
            if (me.departmentId() != null) {
                return grids.byId(departments.get(me.departmentId()).nodeId()).orElse(null);
            }
            return me.role() == Role.SYSTEM_ADMIN ? grids.firstRoot().orElse(null) : null;
        }
        catch (DomainException ex) {
            return null;
        }
    }

    /** One cluster: its centre, how many open incidents and how many overdue; a single one carries its id. */
    public record Cluster(double lat, double lng, int count, int overdue, Long id, String trackingCode) {
    }

    @GetMapping(path = "/incidents/map.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Role.Expressions.GRID_STAFF_AND_DEPARTMENTS)
    ResponseEntity<List<Cluster>> clusters(@RequestParam(defaultValue = "12") int zoom,
            @RequestParam(required = false) IncidentState state, @RequestParam(required = false) String category,
            @RequestParam(defaultValue = "false") boolean overdue) {
        String categoryCode = category == null || category.isBlank() ? null : category.strip();
        return ResponseEntity.ok(cluster(incidents.openOnMap(LIMIT, state, categoryCode, overdue),
                Math.max(1, Math.min(zoom, 20))));
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
