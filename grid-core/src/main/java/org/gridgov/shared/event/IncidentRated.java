package org.gridgov.shared.event;

import java.time.Instant;

/**
 * The reporter rated a resolved incident (1–5 stars). Published by the incident module inside the rating transaction
 * and recorded in the event publication registry; the points module credits the rating to the worker who resolved it
 * for the monthly satisfaction ranking. An incident can be rated again after it was reopened and resolved again, so
 * listeners deduplicate on ({@link #incidentId()}, {@link #ratedAt()}).
 *
 * @param resolvedByAccountId the staff account that resolved it; null when the system or an integrator did
 * @param gridPath where the incident happened
 */
public record IncidentRated(long incidentId, String trackingCode, int stars, Long resolvedByAccountId,
        String resolvedBy, String gridPath, Instant ratedAt) {
}
