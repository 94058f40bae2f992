package org.gridgov.resident;

import java.time.Instant;
import java.util.List;

/** A visit (走访) to a resident under care. */
public record VisitView(long id, long residentId, Instant visitedAt, String visitor, Double lat, Double lng,
        String place, String notes, List<FindingView> findings, List<Long> photoIds) {

    /** Something the visit found; {@code incidentRequested} when it was passed on as an incident. */
    public record FindingView(long id, String description, String incidentCategory, boolean incidentRequested) {
    }
}
