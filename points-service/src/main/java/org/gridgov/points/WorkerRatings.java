package org.gridgov.points;

import java.sql.Timestamp;
import java.util.List;

import org.gridgov.shared.event.IncidentRated;
import org.gridgov.shared.people.AccountDirectory.AccountFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' ratings of resolved incidents, kept per grid worker for the satisfaction ranking (居民满意网格员). A rating
 * counts for the grid worker(s) who serve the grid where the incident happened ({@link ServingWorkers}) — not for
 * whoever pressed "resolve", which is often the street after an escalation.
 */
@Service
public class WorkerRatings {

    private final JdbcTemplate jdbc;
    private final ServingWorkers serving;

    WorkerRatings(JdbcTemplate jdbc, ServingWorkers serving) {
        this.jdbc = jdbc;
        this.serving = serving;
    }

    /**
     * Credits a rating to the grid's serving workers, once each however often the event is delivered; a grid nobody
     * serves (no grid worker account bound to it or the grids above it up to the general grid) credits nobody.
     *
     * @return the workers credited
     */
    @Transactional
    public List<AccountFacts> record(IncidentRated event) {
        long gridId = event.gridId() != 0 ? event.gridId() : ServingWorkers.lastIdOf(event.gridPath());
        List<AccountFacts> workers = serving.of(gridId);
        for (AccountFacts worker : workers) {
            String name = worker.publicName();
            jdbc.update("""
                    insert into worker_rating (incident_id, rated_at, stars, person_id, person_name, grid_path)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict on constraint worker_rating_once do nothing""", event.incidentId(),
                    Timestamp.from(event.ratedAt()), event.stars(), worker.id(),
                    name.length() > 64 ? name.substring(0, 64) : name, event.gridPath());
        }
        return workers;
    }
}
