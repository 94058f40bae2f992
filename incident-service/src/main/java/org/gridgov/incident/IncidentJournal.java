package org.gridgov.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.TimelineEntry;
import org.gridgov.incident.internal.TimelineRepository;
import org.gridgov.shared.event.IncidentMoved;
import org.gridgov.shared.security.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbc;
    private final Clock clock;

    IncidentJournal(TimelineRepository timeline, GridDirectory grids, ApplicationEventPublisher events,
            JdbcTemplate jdbc, Optional<Clock> clock) {
        this.timeline = timeline;
        this.grids = grids;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** A timeline entry for a move (or a note that keeps the state) and its event. */
    void record(Incident incident, Caller caller, String action, IncidentState from, IncidentState to, Long gridId,
            String note) {
        Instant now = clock.instant();
        timeline.save(new TimelineEntry(incident.getId(), now, caller.username(), caller.role().name(), action,
                from, to, gridId, note));
        events.publishEvent(new IncidentMoved(incident.getId(), incident.getTrackingCode(), incident.getCategoryCode(),
                incident.getSource().name(), action, from == null ? null : from.name(), to.name(),
                incident.getGridPath(), incident.getHolderGridId(), incident.getHolderPath(),
                grids.byId(incident.getHolderGridId()).map(GridNodeRef::name).orElse(null), caller.username(), now,
                incident.getResolveDueAt()));
    }

    /**
     * A notification about the incident to a user ({@code username}), a department ({@code department:<id>}) or a
     * grid's desk ({@code grid:<id>}, or the grid's code).
     */
    void notify(Incident incident, String recipient, String message) {
        jdbc.update("insert into incident_notification (incident_id, recipient, message) values (?, ?, ?)",
                incident.getId(), recipient.length() > 100 ? recipient.substring(0, 100) : recipient,
                message.length() > 500 ? message.substring(0, 500) : message);
    }
}
