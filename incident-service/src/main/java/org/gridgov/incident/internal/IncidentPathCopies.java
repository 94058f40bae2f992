package org.gridgov.incident.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;

/**
 * Where an incident lies and which level holds it, rebased when its grid moves. The incident's version is bumped
 * with them, so a worker's stale copy cannot write the old path back (412). The daily figure buckets follow by
 * themselves: the {@code incident_figure_day} triggers move an incident's counts when its {@code grid_path} changes.
 */
@Component
class IncidentPathCopies implements GridPathCopies {

    @Override
    public List<GridPathColumn> copies() {
        return List.of(GridPathColumn.of("incident", "grid_path").versioned("version"),
                GridPathColumn.of("incident", "holder_path").versioned("version"));
    }

    @Override
    public Map<GridPathColumn, String> notCopies() {
        return Map.of(GridPathColumn.of("incident_figure_day", "street_path"),
                "derived from incident.grid_path by the incident_figure_day triggers, which move the counts when "
                        + "incident.grid_path is rebased");
    }
}
