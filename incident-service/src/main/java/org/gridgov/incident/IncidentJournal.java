package org.gridgov.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.TimelineEntry;
import org.gridgov.incident.internal.TimelineRepository;
import org.gridgov.shared.event.IncidentClosed;
import org.gridgov.shared.event.IncidentMoved;
import org.gridgov.shared.security.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.gridgov.shared.notification.NotificationKind;
import org.gridgov.shared.notification.Notifier;
import org.gridgov.shared.notification.Recipient;
import org.springframework.stereotype.Component;

/**
 * What every move leaves behind: an immutable timeline entry and an {@link IncidentMoved} event for other modules;
 * and the notifications to the people concerned (rows of the inbox the apps poll).
 */
@Component
class IncidentJournal {

    private final TimelineRepository timeline;
    private final GridDirectory grids;
    private final ApplicationEventPublisher events;
    private final Notifier notifier;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final IncidentPeople people;
    private final Clock clock;

    IncidentJournal(TimelineRepository timeline, GridDirectory grids, ApplicationEventPublisher events,
            Notifier notifier, IncidentPeople people, org.springframework.jdbc.core.JdbcTemplate jdbc,
            Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.grids = grids;
        this.events = events;
        this.notifier = notifier;
        this.people = people;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** A timeline entry for a move (or a note that keeps the state) and its event. */
    void record(Incident incident, Caller caller, String action, IncidentState from, IncidentState to, Long gridId,
            String note) {
        Instant now = clock.instant();
        timeline.save(new TimelineEntry(incident.getId(), now, caller.username(), caller.role().name(), action,
                from, to, gridId, note, caller.accountId(), people.display(caller)));
        events.publishEvent(new IncidentMoved(incident.getId(), incident.getTrackingCode(), incident.getCategoryCode(),
                incident.getSource().name(), action, from == null ? null : from.name(), to.name(),
                incident.getGridPath(), incident.getHolderGridId(), incident.getHolderPath(),
                grids.byId(incident.getHolderGridId()).map(GridNodeRef::name).orElse(null), people.display(caller), now,
                incident.getResolveDueAt(), incident.getExternalSource(), incident.getExternalTicket()));
    }

    /** How the caller is shown to others on this incident's timeline and messages. */
    String display(Caller caller) {
        return people.display(caller);
    }

    /** Keeps a rating in the incident's rating history (the average counts every rating). */
    void rated(Incident incident, int stars, String comment, Instant at) {
        jdbc.update("insert into incident_rating (incident_id, stars, comment, rated_at) values (?, ?, ?, ?)",
                incident.getId(), stars, comment, java.sql.Timestamp.from(at));
    }

    /**
     * The incident reached CLOSED: {@link IncidentClosed} for other modules (points credit the last resolver), and
     * the reporters — its own and those merged into it — are told.
     */
    void closed(Incident incident, boolean confirmedByReporter) {
        events.publishEvent(new IncidentClosed(incident.getId(), incident.getTrackingCode(),
                incident.getCategoryCode(), incident.getGridId(), incident.getGridPath(),
                incident.getReporterAccountId(), incident.getReporterRole(), incident.getResolvedByAccountId(),
                incident.getResolvedBy(), incident.getResolvedAt() != null
                        && !incident.getResolvedAt().isAfter(incident.getResolveDueAt()),
                confirmedByReporter, incident.getClosedAt() == null ? clock.instant() : incident.getClosedAt()));
        if (!confirmedByReporter) {
            notifyReporter(incident, NotificationKind.INCIDENT_CLOSED, "您反映的问题 " + incident.getTrackingCode()
                    + " 已办结并关闭（未评价，" + IncidentPeople.local(incident.getClosedAt()) + " 自动关闭）");
        }
    }

    /** A notification about the incident to a recipient (an account, a role at a grid node, a department). */
    void notify(Incident incident, Recipient recipient, NotificationKind kind, String message) {
        notifier.notify(recipient, kind, "incident", incident.getId(), incident.getTrackingCode(), message,
                incident.getGridPath());
    }

    /** To whoever holds the incident now: the role that serves its holding grid node. */
    void notifyHolder(Incident incident, NotificationKind kind, String message) {
        notify(incident, holder(incident), kind, message);
    }

    Recipient holder(Incident incident) {
        return Recipient.roleAt(people.roleAtNode(incident.getHolderGridId()), incident.getHolderGridId());
    }

    /** To the reporter's account; reports without one (sensors, other platforms) have nobody to tell. */
    void notifyReporter(Incident incident, NotificationKind kind, String message) {
        if (incident.getReporterAccountId() != null) {
            notify(incident, Recipient.account(incident.getReporterAccountId()), kind, message);
        }
    }
}
