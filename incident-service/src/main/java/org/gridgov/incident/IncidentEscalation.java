package org.gridgov.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffView;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.notification.NotificationKind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ladder an incident climbs (micro grid → general grid → community → street) and what the deadlines do by
 * themselves: an incident not accepted in time goes up one level, a resolved one the reporter did not rate closes.
 * The jobs ({@code internal.IncidentJobs}) call this; staff escalate through {@link IncidentWorkflow#escalate}.
 */
@Service
@Transactional(readOnly = true)
public class IncidentEscalation {

    private final IncidentRepository incidents;
    private final GridDirectory grids;
    private final IncidentDeadlines deadlines;
    private final IncidentJournal journal;
    private final IncidentProperties properties;
    private final Clock clock;

    IncidentEscalation(IncidentRepository incidents, GridDirectory grids, IncidentDeadlines deadlines,
            IncidentJournal journal, IncidentProperties properties, Optional<Clock> clock) {
        this.incidents = incidents;
        this.grids = grids;
        this.deadlines = deadlines;
        this.journal = journal;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Escalates every incident overdue for acceptance by one level; returns how many. */
    @Transactional
    public int escalateOverdue(int limit) {
        List<Incident> overdue = incidents.overdueForAcceptance(clock.instant(), limit);
        for (Incident incident : overdue) {
            escalateOneLevel(incident, Caller.SYSTEM, "AUTO_ESCALATE", "not accepted by its deadline");
        }
        incidents.saveAllAndFlush(overdue);
        return overdue.size();
    }

    /** Closes resolved incidents the reporter did not rate in time. */
    @Transactional
    public int closeUnrated(int limit) {
        List<Incident> unrated = incidents.resolvedUnratedSince(clock.instant().minus(properties.autoCloseAfter()),
                limit);
        for (Incident incident : unrated) {
            IncidentState before = incident.move(Move.CLOSE, Caller.SYSTEM.role(), clock.instant());
            journal.record(incident, Caller.SYSTEM, "AUTO_CLOSE", before, incident.getState(),
                    incident.getHolderGridId(), "not rated within " + properties.autoCloseAfter().toDays() + " days");
            journal.closed(incident, false);
        }
        incidents.saveAllAndFlush(unrated);
        return unrated.size();
    }

    /**
     * Moves the incident up one level, to be accepted there by a new response deadline. The street is the top:
     * a staff escalation there is refused (the street blows the whistle instead); an automatic one reminds the
     * street and gives it a new deadline.
     */
    void escalateOneLevel(Incident incident, Caller caller, String action, String reason) {
        Instant now = clock.instant();
        List<GridNodeRef> chain = grids.chain(incident.getHolderGridId());
        GridNodeRef current = chain.get(chain.size() - 1);
        if (current.type() == GridType.STREET || current.type() == GridType.DISTRICT
                || current.type() == GridType.CITY) {
            if (action.equals("AUTO_ESCALATE")) {
                IncidentDeadlines.Category category = deadlines.category(incident.getCategoryCode());
                Instant due = incident.getAcceptDueAt();
                incident.reopenDeadlines(deadlines.due(category, now).accept(), incident.getResolveDueAt());
                journal.record(incident, caller, "OVERDUE_AT_STREET", incident.getState(), incident.getState(),
                        current.id(), reason);
                journal.notifyHolder(incident, NotificationKind.INCIDENT_OVERDUE,
                        "事件 " + incident.getTrackingCode() + " 超时未受理（受理时限 "
                                + IncidentPeople.local(due) + "），请街道受理或吹哨");
                return;
            }
            throw DomainException.ruleViolation("incident.escalate-top", null,
                    "The street is the top of the ladder: blow the whistle to summon departments instead");
        }
        GridNodeRef parent = chain.get(chain.size() - 2);
        IncidentState before = incident.move(Move.ESCALATE, caller.role(), now);
        IncidentDeadlines.Category category = deadlines.category(incident.getCategoryCode());
        String assignee = parent.type() == GridType.GENERAL_GRID || parent.type() == GridType.COMMUNITY
                ? grids.worker(parent.id()).map(StaffView::personName).orElse(null)
                : null;
        incident.holdAt(parent.id(), grids.pathOf(parent.id()), assignee, deadlines.due(category, now).accept());
        journal.record(incident, caller, action, before, incident.getState(), parent.id(),
                "to " + parent.name() + (reason == null ? "" : ": " + reason));
        journal.notifyHolder(incident, NotificationKind.INCIDENT_ESCALATED,
                "事件 " + incident.getTrackingCode() + " 已上报至" + parent.name()
                        + (reason == null ? "" : "：" + reason) + "，请于 " + IncidentPeople.local(incident.getAcceptDueAt())
                        + " 前受理");
    }
}
