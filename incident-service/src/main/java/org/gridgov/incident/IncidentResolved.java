package org.gridgov.incident;

import java.time.Instant;

/** Published when an incident is resolved; other modules (points) react to it, never to incident tables. */
public record IncidentResolved(long incidentId, long holderGridId, boolean onTime, Instant resolvedAt) {
}
