package org.gridgov.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triage (分类): a report whose sender's category code had no mapping waits in {@link IncidentCategoryMappings#TRIAGE}
 * flagged {@code needsTriage}; grid staff holding it give it its real category, which clears the flag and leaves a
 * {@code CLASSIFY} timeline entry. Its deadlines stay: the caller has been waiting since the report.
 */
@Service
@Transactional(readOnly = true)
public class IncidentTriage {

    private final IncidentRepository incidents;
    private final IncidentAccess access;
    private final IncidentJournal journal;
    private final IncidentViews views;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    IncidentTriage(IncidentRepository incidents, IncidentAccess access, IncidentJournal journal, IncidentViews views,
            JdbcTemplate jdbc, Optional<Clock> clock) {
        this.incidents = incidents;
        this.access = access;
        this.journal = journal;
        this.views = views;
        this.jdbc = jdbc;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * @throws DomainException 403 for a caller who is not grid staff holding it, 409 when it does not wait for
     *         triage or is no longer open, 422 naming {@code category} when that is not an active category
     */
    @Transactional
    public IncidentView classify(long id, long expectedVersion, String category, String note) {
        Caller caller = access.caller();
        Incident incident = access.actionable(id, expectedVersion, caller);
        if (!IncidentLifecycle.STAFF.contains(caller.role())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.classify-forbidden",
                    "Grid staff holding the incident classify it");
        }
        if (!incident.isNeedsTriage() || !IncidentState.OPEN.contains(incident.getState())) {
            throw DomainException.conflict("incident.not-in-triage",
                    "Incident " + incident.getTrackingCode() + " does not wait for triage");
        }
        Boolean active = category == null ? null : jdbc.query("select active from incident_category where code = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, category);
        if (active == null || !active || IncidentCategoryMappings.TRIAGE.equals(category)) {
            throw DomainException.ruleViolation("incident.classify-category", "category",
                    "No active incident category " + category + " (other than TRIAGE)");
        }
        Instant now = clock.instant();
        incident.classify(category, now);
        journal.record(incident, caller, "CLASSIFY", incident.getState(), incident.getState(),
                incident.getHolderGridId(), "分类：" + category + (note == null || note.isBlank() ? "" : "：" + note));
        return views.view(incidents.saveAndFlush(incident), caller);
    }
}
