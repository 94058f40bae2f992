package org.gridgov.points;

import java.sql.Timestamp;

import org.gridgov.shared.event.IncidentRated;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Residents' ratings of resolved incidents, kept per worker for the satisfaction ranking. */
@Service
public class WorkerRatings {

    private final JdbcTemplate jdbc;

    WorkerRatings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Credits a rating to the worker who resolved the incident, once however often the event is delivered; ratings
     * of what the system or an integrator resolved count for nobody.
     */
    @Transactional
    public void record(IncidentRated event) {
        if (event.resolvedByAccountId() == null) {
            return;
        }
        jdbc.update("""
                insert into worker_rating (incident_id, rated_at, stars, person_id, person_name, grid_path)
                values (?, ?, ?, ?, ?, ?)
                on conflict on constraint worker_rating_once do nothing""", event.incidentId(),
                Timestamp.from(event.ratedAt()), event.stars(), event.resolvedByAccountId(), event.resolvedBy(),
                event.gridPath());
    }
}
