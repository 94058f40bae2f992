package org.gridgov.points.internal;

import org.gridgov.points.WorkerRatings;
import org.gridgov.shared.event.IncidentRated;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A resident's rating of a resolved incident counts toward the satisfaction ranking of the grid worker(s) serving the
 * grid where it happened. Runs after the rating's transaction commits, from the event publication registry (retried
 * if the node dies first).
 */
@Component
class IncidentRatingListener {

    private final WorkerRatings ratings;

    IncidentRatingListener(WorkerRatings ratings) {
        this.ratings = ratings;
    }

    @ApplicationModuleListener
    void on(IncidentRated event) {
        ratings.record(event);
    }
}
