package org.gridgov.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffView;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.shared.event.GridSubtreeMoved;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.notification.NotificationKind;

/**
 * When a grid moves to another parent, its paths follow it (grid core rebases them), but an open incident that was
 * escalated above the moved grid is still held by the old community or street, which no longer has the grid: it
 * would sit in the old street's queue while the new street could not act on it. Such incidents go to the node of
 * the same level on the grid's new ladder (the new street), with a timeline entry; deadlines stay as they were.
 * Runs inside the moving transaction, after every path was rebased.
 */
@Component
class IncidentHoldersFollowMovedGrids {

    static final String ACTION = "HOLDER_MOVED";

    private final JdbcTemplate jdbc;
    private final IncidentRepository incidents;
    private final GridDirectory grids;
    private final IncidentJournal journal;

    IncidentHoldersFollowMovedGrids(JdbcTemplate jdbc, IncidentRepository incidents, GridDirectory grids,
            IncidentJournal journal) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.grids = grids;
        this.journal = journal;
    }

    @EventListener
    void on(GridSubtreeMoved moved) {
        SqlPredicate inSubtree = PathRange.under(moved.newPath()).sql("grid_path");
        String open = String.join(", ", IncidentState.OPEN.stream().map(state -> "'" + state.name() + "'").toList());
        List<Long> stranded = jdbc.queryForList("""
                select id from incident
                 where %s and state in (%s) and not starts_with(grid_path, holder_path)"""
            .formatted(inSubtree.sql(), open), Long.class, inSubtree.array());
        for (Long id : stranded) {
            Incident incident = incidents.findById(id).orElseThrow();
            GridNodeRef holder = grids.byId(incident.getHolderGridId()).orElseThrow();
            Ladder target = sameLevel(incident.getGridPath(), holder.type(), moved.newPath());
            String assignee = target.node().type() == GridType.GENERAL_GRID || target.node().type() == GridType.COMMUNITY
                    ? grids.worker(target.node().id()).map(StaffView::personName).orElse(null)
                    : null;
            incident.transferHolder(target.node().id(), target.path(), assignee);
            incidents.save(incident);
            journal.record(incident, Caller.SYSTEM, ACTION, incident.getState(), incident.getState(),
                    target.node().id(), "网格调整：由" + holder.name() + "转至" + target.node().name());
            journal.notifyHolder(incident, NotificationKind.INCIDENT_REASSIGNED,
                    "网格调整，事件 " + incident.getTrackingCode() + " 转至" + target.node().name());
        }
    }

    /** A node of the grid's (new) ladder and its path. */
    private record Ladder(GridNodeRef node, String path) {
    }

    /**
     * The node of {@code type} on the ladder of the grid at {@code gridPath}; without one (a level the new ladder
     * lacks), the moved grid's new parent.
     */
    private Ladder sameLevel(String gridPath, GridType type, String movedPath) {
        List<Ladder> ladder = new ArrayList<>();
        StringBuilder path = new StringBuilder("/");
        for (String part : gridPath.split("/")) {
            if (!part.isEmpty()) {
                path.append(part).append('/');
                Optional<GridNodeRef> node = grids.byId(Long.parseLong(part));
                String prefix = path.toString();
                node.ifPresent(n -> ladder.add(new Ladder(n, prefix)));
            }
        }
        return ladder.stream().filter(step -> step.node().type() == type).findFirst()
            .orElseGet(() -> ladder.stream().filter(step -> movedPath.startsWith(step.path())
                    && !movedPath.equals(step.path())).reduce((first, second) -> second).orElseThrow());
    }
}
