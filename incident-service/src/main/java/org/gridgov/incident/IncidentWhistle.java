package org.gridgov.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.DepartmentService;
import org.gridgov.grid.DepartmentView;
import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.incident.internal.Summons;
import org.gridgov.incident.internal.SummonsRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.notification.NotificationKind;
import org.gridgov.shared.notification.Recipient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 街道吹哨、部门报到: the street blows the whistle and summons departments; each summoned department checks in by its
 * deadline and reports what it did.
 */
@Service
@Transactional(readOnly = true)
public class IncidentWhistle {

    private final IncidentRepository incidents;
    private final SummonsRepository summons;
    private final GridDirectory grids;
    private final DepartmentService departments;
    private final IncidentAccess access;
    private final IncidentJournal journal;
    private final IncidentViews views;
    private final IncidentProperties properties;
    private final IncidentDeadlines deadlines;
    private final Clock clock;

    IncidentWhistle(IncidentRepository incidents, SummonsRepository summons, GridDirectory grids,
            DepartmentService departments, IncidentAccess access, IncidentJournal journal, IncidentViews views,
            IncidentProperties properties, IncidentDeadlines deadlines, Optional<Clock> clock) {
        this.deadlines = deadlines;
        this.incidents = incidents;
        this.summons = summons;
        this.grids = grids;
        this.departments = departments;
        this.access = access;
        this.journal = journal;
        this.views = views;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * The street blows the whistle (吹哨): summons departments (of the street and its district), each to check in
     * within the configured hours.
     */
    @Transactional
    public IncidentView whistle(long id, long expectedVersion, List<Long> departmentIds, String note) {
        Caller caller = access.caller();
        Incident incident = access.actionable(id, expectedVersion, caller);
        access.require(Move.WHISTLE, incident, caller);
        GridNodeRef holder = grids.byId(incident.getHolderGridId()).orElseThrow();
        if (holder.type() != GridType.STREET) {
            throw DomainException.ruleViolation("incident.whistle-not-street", null,
                    "Only the street blows the whistle: escalate the incident to the street first");
        }
        if (departmentIds == null || departmentIds.isEmpty()) {
            throw DomainException.invalidField("incident.whistle-departments", "departmentIds",
                    "Name at least one department to summon");
        }
        Map<Long, DepartmentView> summonable = new LinkedHashMap<>();
        departments.summonable(holder.id()).forEach(d -> summonable.put(d.id(), d));
        for (Long departmentId : departmentIds) {
            if (!summonable.containsKey(departmentId)) {
                throw DomainException.ruleViolation("incident.whistle-department", "departmentIds",
                        "Department " + departmentId + " is not one the street can summon");
            }
        }
        Instant now = clock.instant();
        IncidentState before = incident.move(Move.WHISTLE, caller.role(), now);
        Instant due = deadlines.checkInDue(incident.getCategoryCode(), now, properties.checkInHours());
        List<String> names = new ArrayList<>();
        for (Long departmentId : departmentIds.stream().distinct().toList()) {
            if (!summons.existsByIncidentIdAndDepartmentId(id, departmentId)) {
                summons.save(new Summons(id, departmentId, now, due));
            }
            names.add(summonable.get(departmentId).name());
            journal.notify(incident, Recipient.department(departmentId), NotificationKind.INCIDENT_WHISTLED,
                    "街道吹哨：请于 " + IncidentPeople.local(due) + " 前报到，事件 " + incident.getTrackingCode());
        }
        journal.record(incident, caller, "WHISTLE", before, incident.getState(), holder.id(),
                "summoned " + String.join("、", names) + (note == null ? "" : "; " + note));
        return views.view(incidents.saveAndFlush(incident), caller);
    }

    /** A summoned department reports for duty (报到). */
    @Transactional
    public IncidentView checkIn(long id, String note) {
        Caller caller = access.caller();
        Incident incident = access.visible(id, caller);
        access.require(Move.CHECK_IN, incident, caller);
        Summons summoned = access.summonsOf(incident, caller);
        summoned.checkIn(caller.username(), clock.instant());
        journal.record(incident, caller, "CHECK_IN", incident.getState(), incident.getState(),
                incident.getHolderGridId(), note);
        return views.view(incident, caller);
    }

    /** A summoned department that has checked in reports what it did. */
    @Transactional
    public IncidentView reportAction(long id, String report) {
        Caller caller = access.caller();
        Incident incident = access.visible(id, caller);
        access.require(Move.REPORT_ACTION, incident, caller);
        access.summonsOf(incident, caller).reportAction(report, clock.instant());
        journal.record(incident, caller, "REPORT_ACTION", incident.getState(), incident.getState(),
                incident.getHolderGridId(), report);
        return views.view(incident, caller);
    }
}
