package org.gridgov.incident.internal;

import java.time.Instant;
import java.util.List;

/**
 * The incident queries whose state conditions come from {@link IncidentSql}: they are built at run time, so they
 * cannot be {@code @Query} strings. Part of {@link IncidentRepository}.
 */
public interface IncidentStateQueries {

    /**
     * Incidents not yet final of a category in a bounding box since a time, newest first: candidates for "possibly
     * the same".
     */
    List<Incident> notFinalNear(String category, Instant since, double minLat, double maxLat, double minLng,
            double maxLng);

    /** Overdue for acceptance, most overdue first; locked so that no other node's job escalates the same ones. */
    /** Being handled past the resolution deadline, not yet acted on for this deadline; locked, skipping locked. */
    List<Incident> overdueForResolution(Instant now, int limit);

    List<Incident> overdueForAcceptance(Instant now, int limit);
}
