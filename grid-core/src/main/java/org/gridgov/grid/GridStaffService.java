package org.gridgov.grid;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.internal.GridAudit;
import org.gridgov.grid.internal.GridCardCache;
import org.gridgov.grid.internal.GridNode;
import org.gridgov.grid.internal.GridStaff;
import org.gridgov.grid.internal.GridStaffMapper;
import org.gridgov.grid.internal.GridStaffRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.grid.internal.VisibleGrids;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who serves each grid: dated assignments, one primary worker per grid at a time (enforced by an exclusion
 * constraint in the database as well as here).
 */
@Service
@Transactional(readOnly = true)
public class GridStaffService {

    private final GridStaffRepository staff;
    private final VisibleGrids visible;
    private final GridStaffMapper mapper;
    private final GridAudit audit;
    private final GridCardCache cards;
    private final Clock clock;

    GridStaffService(GridStaffRepository staff, VisibleGrids visible, GridStaffMapper mapper, GridAudit audit,
            GridCardCache cards, Optional<Clock> clock) {
        this.cards = cards;
        this.audit = audit;
        this.visible = visible;
        this.mapper = mapper;
        this.staff = staff;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Transactional
    public StaffView assign(long nodeId, AssignStaffCommand command) {
        GridNode node = visibleNode(nodeId);
        if (!node.isActive()) {
            throw DomainException.conflict("grid.node.retired", "Grid " + node.getCode() + " is retired");
        }
        if (!rolesFor(node.getType()).contains(command.role())) {
            throw DomainException.ruleViolation("grid.staff.role-not-for-type", "role",
                    command.role() + " does not serve a " + node.getType() + " (allowed: " + rolesFor(node.getType()) + ")");
        }
        LocalDate from = command.assignedFrom() == null ? LocalDate.now(clock) : command.assignedFrom();
        GridStaff assignment = new GridStaff(nodeId, command.personName(), command.role(), command.workPhone(),
                command.primaryWorker(), from, command.assignedTo(), clock.instant());
        try {
            StaffView saved = mapper.toView(staff.saveAndFlush(assignment));
            cards.changed();
            audit.change("GRID_STAFF_ASSIGNED", "grid_staff", saved.id(), node.getPath(), null, state(saved, node));
            return saved;
        }
        catch (DataIntegrityViolationException ex) {
            if (ex.getMessage() != null && ex.getMessage().contains("grid_staff_one_primary")) {
                throw DomainException.ruleViolation("grid.staff.primary-taken", "primaryWorker",
                        "Grid " + node.getCode() + " already has a primary worker in that period; end that assignment first");
            }
            throw ex;
        }
    }

    @Transactional
    public StaffView end(long staffId, LocalDate lastDay) {
        GridStaff assignment = visibleAssignment(staffId);
        GridNode node = visibleNode(assignment.getNodeId());
        Map<String, Object> before = state(mapper.toView(assignment), node);
        assignment.end(lastDay == null ? LocalDate.now(clock) : lastDay);
        StaffView ended = mapper.toView(staff.saveAndFlush(assignment));
        cards.changed();
        audit.change("GRID_STAFF_ENDED", "grid_staff", staffId, node.getPath(), before, state(ended, node));
        return ended;
    }

    public StaffView get(long staffId) {
        return mapper.toView(visibleAssignment(staffId));
    }

    /** Everyone on duty in the grid today, primary worker first. */
    public List<StaffView> onDuty(long nodeId) {
        visibleNode(nodeId);
        return onDutyUnscoped(nodeId);
    }

    /** For the grid card and locate: who serves a place is public information. */
    List<StaffView> onDutyUnscoped(long nodeId) {
        return staff.onDuty(nodeId, LocalDate.now(clock)).stream().map(mapper::toView).toList();
    }

    /** All assignments of the grid, past ones included, newest first. */
    public List<StaffView> history(long nodeId) {
        visibleNode(nodeId);
        return staff.findByNodeIdOrderByAssignedFromDesc(nodeId).stream().map(mapper::toView).toList();
    }

    /** An assignment as the audit log shows it (the work phone is public: it is on the grid card). */
    private static Map<String, Object> state(StaffView view, GridNode node) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("grid", node.getCode());
        state.put("personName", view.personName());
        state.put("role", view.role());
        state.put("primaryWorker", view.primaryWorker());
        state.put("workPhone", view.workPhone());
        state.put("assignedFrom", String.valueOf(view.assignedFrom()));
        state.put("assignedTo", view.assignedTo() == null ? null : view.assignedTo().toString());
        return state;
    }

    private GridNode visibleNode(long nodeId) {
        return visible.require(nodeId);
    }

    private GridStaff visibleAssignment(long staffId) {
        GridStaff assignment = staff.findById(staffId)
            .orElseThrow(() -> DomainException.notFound("grid.staff.not-found", "No staff assignment " + staffId));
        if (visible.find(assignment.getNodeId()).isEmpty()) {
            throw DomainException.notFound("grid.staff.not-found", "No staff assignment " + staffId);
        }
        return assignment;
    }

    /** The roles that may serve a grid of this type. */
    public static EnumSet<StaffRole> rolesFor(GridType type) {
        return switch (type) {
            case CITY, DISTRICT, STREET -> EnumSet.of(StaffRole.STREET_OFFICER);
            case COMMUNITY -> EnumSet.of(StaffRole.COMMUNITY_WORKER);
            case GENERAL_GRID -> EnumSet.of(StaffRole.GENERAL_GRID_WORKER, StaffRole.COMMUNITY_WORKER);
            case MICRO_GRID -> EnumSet.of(StaffRole.MICRO_GRID_WORKER, StaffRole.BUILDING_HEAD);
            case DEDICATED_GRID -> EnumSet.of(StaffRole.DEDICATED_GRID_WORKER);
        };
    }
}
