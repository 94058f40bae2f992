package org.gridgov.incident;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.incident.internal.Summons;
import org.gridgov.incident.internal.SummonsRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.Versions;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.gridgov.shared.security.Role;
import org.springframework.stereotype.Component;

/**
 * Who may see and act on which incident: residents their own reports (and those merged into them), departments what
 * they were summoned to, merchants nothing, staff what lies in their data scope — and staff act only while the level
 * holding the incident is inside their scope. In Java for one incident, in SQL ({@link #visibleTo}) for lists.
 */
@Component
class IncidentAccess {

    private final IncidentRepository incidents;
    private final SummonsRepository summons;
    private final GridDirectory grids;
    private final DataScopeProvider scopes;
    private final CallerProvider callers;

    IncidentAccess(IncidentRepository incidents, SummonsRepository summons, GridDirectory grids,
            DataScopeProvider scopes, CallerProvider callers) {
        this.incidents = incidents;
        this.summons = summons;
        this.grids = grids;
        this.scopes = scopes;
        this.callers = callers;
    }

    /** The current caller; 401 without one. */
    Caller caller() {
        Caller caller = callers.current();
        if (caller == null) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "auth.unauthenticated",
                    "Authentication is required");
        }
        return caller;
    }

    /** The incident if the caller may see it; 404 otherwise (its existence is not leaked). */
    Incident visible(long id, Caller caller) {
        return incidents.findById(id).filter(i -> isVisible(i, caller))
            .orElseThrow(() -> DomainException.notFound("incident.not-found", "No incident " + id));
    }

    boolean isVisible(Incident incident, Caller caller) {
        if (caller == null) {
            return false;
        }
        if (incident.getReporterUsername().equals(caller.username())
                || incidents.existsByMergedIntoIdAndReporterUsername(incident.getId(), caller.username())) {
            return true; // their own report, or one merged into it: they follow the survivor
        }
        if (caller.hasRole(Role.RESIDENT, Role.MERCHANT)) {
            return false;
        }
        if (caller.hasRole(Role.DEPARTMENT_STAFF)) {
            return caller.departmentId() != null
                    && summons.existsByIncidentIdAndDepartmentId(incident.getId(), caller.departmentId());
        }
        return scopes.current().covers(incident.getGridPath());
    }

    /**
     * The SQL predicate (on alias {@code i}) for the incidents a caller may list: residents their own reports,
     * departments those they were summoned to, merchants none, everyone else those whose {@code pathColumn} lies in
     * their data scope.
     */
    SqlPredicate visibleTo(Caller caller, String pathColumn) {
        if (caller.hasRole(Role.RESIDENT)) {
            return SqlPredicate.of("i.reporter_username = ?", caller.username());
        }
        if (caller.hasRole(Role.DEPARTMENT_STAFF)) {
            return SqlPredicate.of(
                    "exists (select 1 from incident_summons s where s.incident_id = i.id and s.department_id = ?)",
                    caller.departmentId() == null ? -1 : caller.departmentId());
        }
        if (caller.hasRole(Role.MERCHANT)) {
            return SqlPredicate.FALSE;
        }
        return scopes.current().sql(pathColumn);
    }

    /** Whether the caller may make staff moves on it: not staff at all, or staff whose scope covers its holder. */
    boolean holds(Incident incident, Caller caller) {
        return !IncidentLifecycle.STAFF.contains(caller.role()) || scopes.current().covers(incident.getHolderPath());
    }

    /** An incident the caller may act on as staff: visible, its holding level inside their scope, version current. */
    Incident actionable(long id, long expectedVersion, Caller caller) {
        Incident incident = visible(id, caller);
        Versions.requireCurrent(incident.getVersion(), expectedVersion, "Incident " + incident.getTrackingCode());
        if (!holds(incident, caller)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.not-holder",
                    "The incident is held at a level above yours (" + grids.byId(incident.getHolderGridId())
                        .map(GridNodeRef::name).orElse("?") + ")");
        }
        return incident;
    }

    /** What the move guards look at for this caller and incident ({@link IncidentLifecycle.MoveContext}). */
    IncidentLifecycle.MoveContext context(Incident incident, Caller caller) {
        IncidentLifecycle.SummonsProgress progress = IncidentLifecycle.SummonsProgress.NONE;
        if (caller.hasRole(Role.DEPARTMENT_STAFF) && caller.departmentId() != null) {
            progress = summons.findByIncidentIdAndDepartmentId(incident.getId(), caller.departmentId())
                .map(s -> s.getCheckedInAt() == null ? IncidentLifecycle.SummonsProgress.SUMMONED
                        : IncidentLifecycle.SummonsProgress.CHECKED_IN)
                .orElse(IncidentLifecycle.SummonsProgress.NONE);
        }
        GridNodeRef holder = grids.byId(incident.getHolderGridId()).orElse(null);
        boolean staff = IncidentLifecycle.STAFF.contains(caller.role());
        boolean holds = staff && scopes.current().covers(incident.getHolderPath());
        boolean above = staff && holds && (caller.scopeNodeId() == null
                || caller.scopeNodeId() != incident.getHolderGridId());
        return new IncidentLifecycle.MoveContext(incident.getState(), caller.role(), holds,
                IncidentPeople.isReporter(incident, caller), holder == null ? null : holder.type(), progress, above);
    }

    /** Checks a move against the same guards that list the allowed moves. */
    void require(Move move, Incident incident, Caller caller) {
        IncidentLifecycle.require(move, context(incident, caller));
    }

    /** The caller's department's summons to the incident; 403 when it was not summoned. */
    Summons summonsOf(Incident incident, Caller caller) {
        return summons.findByIncidentIdAndDepartmentId(incident.getId(),
                caller.departmentId() == null ? -1 : caller.departmentId())
            .orElseThrow(() -> new DomainException(DomainException.Kind.FORBIDDEN, "incident.not-summoned",
                    "Your department was not summoned to this incident"));
    }
}
