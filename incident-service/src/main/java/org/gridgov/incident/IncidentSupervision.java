package org.gridgov.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.StaffView;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.Versions;
import org.gridgov.shared.notification.NotificationKind;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The moves of those above the holder: 督办 (supervise: a due date, the holder is told), 催办 (urge: the reporter or a
 * level above presses the holder) and 改派 (reassign: a manager hands the incident to another grid in their scope, where
 * it is accepted anew). Each is guarded by {@link IncidentLifecycle} like every move and leaves a timeline entry.
 */
@Service
@Transactional(readOnly = true)
public class IncidentSupervision {

    private final IncidentRepository incidents;
    private final GridDirectory grids;
    private final IncidentAccess access;
    private final IncidentJournal journal;
    private final IncidentDeadlines deadlines;
    private final IncidentViews views;
    private final DataScopeProvider scopes;
    private final Clock clock;

    IncidentSupervision(IncidentRepository incidents, GridDirectory grids, IncidentAccess access,
            IncidentJournal journal, IncidentDeadlines deadlines, IncidentViews views, DataScopeProvider scopes,
            Optional<Clock> clock) {
        this.incidents = incidents;
        this.grids = grids;
        this.access = access;
        this.journal = journal;
        this.deadlines = deadlines;
        this.views = views;
        this.scopes = scopes;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** 督办: a level above marks it to be resolved by {@code dueAt}; the holder is told. */
    @Transactional
    public IncidentView supervise(long id, long expectedVersion, Instant dueAt, String note) {
        Caller caller = access.caller();
        Incident incident = access.visible(id, caller);
        Versions.requireCurrent(incident.getVersion(), expectedVersion, "Incident " + incident.getTrackingCode());
        access.require(Move.SUPERVISE, incident, caller);
        Instant now = clock.instant();
        if (dueAt == null || !dueAt.isAfter(now)) {
            throw DomainException.invalidField("incident.supervise-due", "dueAt", "A due date in the future");
        }
        incident.supervise(dueAt, now);
        journal.record(incident, caller, Move.SUPERVISE.name(), incident.getState(), incident.getState(),
                incident.getHolderGridId(), "督办，请于 " + IncidentPeople.local(dueAt) + " 前办结"
                        + (note == null || note.isBlank() ? "" : "：" + note));
        String by = caller.role() == org.gridgov.shared.security.Role.INTEGRATOR ? "热线" : journal.display(caller);
        journal.notifyHolder(incident, NotificationKind.INCIDENT_SUPERVISED, by + " 督办事件 "
                + incident.getTrackingCode() + "，请于 " + IncidentPeople.local(dueAt) + " 前办结"
                + (note == null || note.isBlank() ? "" : "：" + note));
        return views.view(incidents.saveAndFlush(incident), caller);
    }

    /**
     * 延期: a level above, or the hotline that sent it, moves the resolution deadline to {@code resolveBy} — later
     * than it is now — with a reason; the holder is told.
     */
    @Transactional
    public IncidentView extend(long id, long expectedVersion, Instant resolveBy, String reason) {
        Caller caller = access.caller();
        Incident incident = access.visible(id, caller);
        Versions.requireCurrent(incident.getVersion(), expectedVersion, "Incident " + incident.getTrackingCode());
        access.require(Move.EXTEND, incident, caller);
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalidField("incident.extend-reason", "reason", "Say why the deadline moves");
        }
        Instant now = clock.instant();
        if (resolveBy == null || !resolveBy.isAfter(now) || !resolveBy.isAfter(incident.getResolveDueAt())) {
            throw DomainException.invalidField("incident.extend-due", "resolveBy",
                    "A date after the current resolution deadline (" + incident.getResolveDueAt() + ") and after now");
        }
        Instant before = incident.getResolveDueAt();
        incident.extend(resolveBy, now);
        String who = caller.role() == org.gridgov.shared.security.Role.INTEGRATOR ? "热线" : journal.display(caller);
        journal.record(incident, caller, Move.EXTEND.name(), incident.getState(), incident.getState(),
                incident.getHolderGridId(), "延期：办结时限由 " + IncidentPeople.local(before) + " 延至 "
                        + IncidentPeople.local(resolveBy) + "：" + reason);
        journal.notifyHolder(incident, NotificationKind.INCIDENT_SUPERVISED, who + " 同意事件 "
                + incident.getTrackingCode() + " 延期至 " + IncidentPeople.local(resolveBy) + "：" + reason);
        return views.view(incidents.saveAndFlush(incident), caller);
    }

    /** 催办: the reporter, or a level above, presses the holder. */
    @Transactional
    public IncidentView urge(long id, String note) {
        Caller caller = access.caller();
        Incident incident = access.visible(id, caller);
        access.require(Move.URGE, incident, caller);
        journal.record(incident, caller, Move.URGE.name(), incident.getState(), incident.getState(),
                incident.getHolderGridId(), note);
        String who = IncidentPeople.isReporter(incident, caller) ? "反映人" : journal.display(caller);
        journal.notifyHolder(incident, NotificationKind.INCIDENT_URGED, who + " 催办事件 " + incident.getTrackingCode()
                + (note == null || note.isBlank() ? "" : "：" + note));
        return views.view(incidents.saveAndFlush(incident), caller);
    }

    /**
     * 改派: to another grid inside the caller's scope, with a reason; it waits to be accepted there by a new response
     * deadline, its worker is told.
     */
    @Transactional
    public IncidentView reassign(long id, long expectedVersion, long gridId, String reason) {
        Caller caller = access.caller();
        Incident incident = access.actionable(id, expectedVersion, caller);
        access.require(Move.REASSIGN, incident, caller);
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalidField("incident.reassign-reason", "reason", "Say why it is reassigned");
        }
        GridNodeRef target = grids.byId(gridId).filter(g -> scopes.current().covers(grids.pathOf(g.id())))
            .orElseThrow(() -> DomainException.ruleViolation("incident.reassign-target", "gridId",
                    "No active grid " + gridId + " in your scope"));
        if (target.id() == incident.getHolderGridId()) {
            throw DomainException.ruleViolation("incident.reassign-same", "gridId", "It is held there already");
        }
        Instant now = clock.instant();
        GridNodeRef from = grids.byId(incident.getHolderGridId()).orElse(null);
        IncidentState before = incident.move(Move.REASSIGN, caller.role(), now);
        incident.reassign(target.id(), grids.pathOf(target.id()),
                grids.worker(target.id()).map(StaffView::personName).orElse(null),
                deadlines.due(deadlines.category(incident.getCategoryCode()), now).accept(), now);
        journal.record(incident, caller, Move.REASSIGN.name(), before, incident.getState(), target.id(),
                "改派：" + (from == null ? "" : from.name()) + " → " + target.name() + "：" + reason);
        journal.notifyHolder(incident, NotificationKind.INCIDENT_REASSIGNED, "事件 " + incident.getTrackingCode()
                + " 改派给您（" + reason + "），请于 " + IncidentPeople.local(incident.getAcceptDueAt()) + " 前受理");
        return views.view(incidents.saveAndFlush(incident), caller);
    }
}
