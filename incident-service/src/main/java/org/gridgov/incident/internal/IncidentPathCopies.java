package org.gridgov.incident.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;

/**
 * Where an incident lies and which level holds it, rebased when its grid moves. The incident's version is bumped
 * with them, so a worker's stale copy cannot write the old path back (412). The figure rollups follow by themselves:
 * the {@code incident_figures_*} triggers take an incident's sums off its old ancestors and add them to its new ones
 * when its {@code grid_path} changes.
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
        String reason = "a node's path derived from incident.grid_path by the incident_figures triggers, which move "
                + "the sums to the new ancestors when incident.grid_path is rebased";
        return Map.of(GridPathColumn.of("incident_figures_daily", "node_path"), reason,
                GridPathColumn.of("incident_figures_hourly", "node_path"), reason,
                GridPathColumn.of("incident_figures_minutes", "node_path"), reason,
                GridPathColumn.of("incident_figures_open", "node_path"), reason,
                GridPathColumn.of("incident_figures_due", "node_path"), reason);
    }
}
