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
import org.gridgov.shared.notification.Recipient;
import org.gridgov.incident.internal.Summons;
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
    private final org.gridgov.incident.internal.SummonsRepository summons;
    private final Clock clock;

    IncidentEscalation(IncidentRepository incidents, GridDirectory grids, IncidentDeadlines deadlines,
            IncidentJournal journal, IncidentProperties properties,
            org.gridgov.incident.internal.SummonsRepository summons, Optional<Clock> clock) {
        this.summons = summons;
        this.incidents = incidents;
        this.grids = grids;
        this.deadlines = deadlines;
        this.journal = journal;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Acts on every incident overdue for acceptance as its category's rule says: ESCALATE moves it up one level,
     * REMIND tells the holder once per deadline. Returns how many were acted on.
     */
    @Transactional
    public int escalateOverdue(int limit) {
        List<Incident> overdue = incidents.overdueForAcceptance(clock.instant(), limit);
        for (Incident incident : overdue) {
            if (deadlines.action(incident.getCategoryCode(), IncidentDeadlines.Deadline.ACCEPT)
                    == IncidentDeadlines.Action.ESCALATE) {
                escalateOneLevel(incident, Caller.SYSTEM, "AUTO_ESCALATE", "not accepted by its deadline");
            }
            else {
                incident.overdueActed(incident.getAcceptDueAt());
                journal.record(incident, Caller.SYSTEM, "OVERDUE_REMINDER", incident.getState(), incident.getState(),
                        incident.getHolderGridId(), "受理超时");
                journal.notifyHolder(incident, NotificationKind.INCIDENT_OVERDUE, "事件 " + incident.getTrackingCode()
                        + " 已超过受理时限（" + IncidentPeople.local(incident.getAcceptDueAt()) + "），请尽快受理");
            }
        }
        incidents.saveAllAndFlush(overdue);
        return overdue.size();
    }

    /**
     * Acts on every incident being handled past its resolution deadline, once per deadline: REMIND tells the holder
     * and the level above; ESCALATE moves it up one level (to be accepted there) — at the street, where nothing is
     * above, it reminds.
     */
    @Transactional
    public int actOnResolutionOverdue(int limit) {
        Instant now = clock.instant();
        List<Incident> overdue = incidents.overdueForResolution(now, limit);
        for (Incident incident : overdue) {
            Instant due = incident.getResolveDueAt();
            incident.overdueActed(due);
            List<GridNodeRef> chain = grids.chain(incident.getHolderGridId());
            GridNodeRef holder = chain.get(chain.size() - 1);
            boolean top = holder.type() == GridType.STREET || holder.type() == GridType.DISTRICT
                    || holder.type() == GridType.CITY;
            String message = "事件 " + incident.getTrackingCode() + " 已超过办结时限（" + IncidentPeople.local(due) + "）";
            if (deadlines.action(incident.getCategoryCode(), IncidentDeadlines.Deadline.RESOLVE)
                    == IncidentDeadlines.Action.ESCALATE && !top) {
                escalateOneLevel(incident, Caller.SYSTEM, "AUTO_ESCALATE", "not resolved by its deadline");
                continue;
            }
            journal.record(incident, Caller.SYSTEM, "OVERDUE_REMINDER", incident.getState(), incident.getState(),
                    holder.id(), "办结超时");
            journal.notifyHolder(incident, NotificationKind.INCIDENT_OVERDUE, message + "，请尽快办结");
            if (chain.size() >= 2) {
                GridNodeRef parent = chain.get(chain.size() - 2);
                journal.notify(incident, Recipient.roleAt(IncidentPeople.roleAt(parent.type()), parent.id()),
                        NotificationKind.INCIDENT_OVERDUE, message + "，由" + holder.name() + "办理，请督办");
            }
        }
        incidents.saveAllAndFlush(overdue);
        return overdue.size();
    }

    /**
     * Summoned departments that did not check in by their deadline, once each: REMIND tells the department;
     * ESCALATE also tells the street that blew the whistle and the level above it.
     */
    @Transactional
    public int actOnCheckInOverdue(int limit) {
        List<Summons> late = summons.overdueForCheckIn(clock.instant(), limit);
        for (Summons summoned : late) {
            summoned.overdueActed(clock.instant());
            Incident incident = incidents.findById(summoned.getIncidentId()).orElseThrow();
            String message = "事件 " + incident.getTrackingCode() + " 的报到时限（"
                    + IncidentPeople.local(summoned.getCheckInDueAt()) + "）已过，部门尚未报到";
            journal.record(incident, Caller.SYSTEM, "CHECK_IN_OVERDUE", incident.getState(), incident.getState(),
                    incident.getHolderGridId(), "department " + summoned.getDepartmentId());
            journal.notify(incident, Recipient.department(summoned.getDepartmentId()),
                    NotificationKind.INCIDENT_CHECK_IN_OVERDUE, message + "，请立即报到");
            if (deadlines.action(incident.getCategoryCode(), IncidentDeadlines.Deadline.CHECK_IN)
                    == IncidentDeadlines.Action.ESCALATE) {
                journal.notifyHolder(incident, NotificationKind.INCIDENT_CHECK_IN_OVERDUE, message);
                List<GridNodeRef> chain = grids.chain(incident.getHolderGridId());
                if (chain.size() >= 2) {
                    GridNodeRef parent = chain.get(chain.size() - 2);
                    journal.notify(incident, Recipient.roleAt(IncidentPeople.roleAt(parent.type()), parent.id()),
                            NotificationKind.INCIDENT_CHECK_IN_OVERDUE, message + "，请督办");
                }
            }
        }
        summons.saveAllAndFlush(late);
        return late.size();
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
