package org.gridgov.resident;

import java.time.Instant;
import java.util.List;

/**
 * A visit as the grid worker records it on site.
 *
 * @param visitedAt default now; not in the future
 * @param findings each with {@code openIncident} to pass it on as an incident of {@code incidentCategory}
 */
public record RecordVisitCommand(Instant visitedAt, Double lat, Double lng, String place, String notes,
        List<Finding> findings) {

    public record Finding(String description, boolean openIncident, String incidentCategory) {
    }
}
