package org.gridgov.shared.event;

import java.time.Instant;

import org.gridgov.shared.security.Role;

/**
 * The reporter rated a resolved incident (1–5 stars). Published by the incident module inside the rating transaction
 * and recorded in the event publication registry; the points module credits the rating to the worker who resolved it
 * for the monthly satisfaction ranking. An incident can be rated again after it was reopened and resolved again (every
 * rating is kept: the incident's rating history), so listeners deduplicate on ({@link #incidentId()},
 * {@link #ratedAt()}).
 *
 * @param resolvedByAccountId the staff account that resolved it (last); null when the system or an integrator did
 * @param resolvedBy that resolver's display name (never a login)
 * @param gridPath where the incident happened
 * @param gridId the grid where the incident happened
 * @param resolvedByRole the resolver's role; null when unknown
 */
public record IncidentRated(long incidentId, String trackingCode, int stars, Long resolvedByAccountId,
        String resolvedBy, String gridPath, Instant ratedAt, long gridId, Role resolvedByRole) {

    /** Without the grid's id and the resolver's role (events recorded before they were added). */
    public IncidentRated(long incidentId, String trackingCode, int stars, Long resolvedByAccountId, String resolvedBy,
            String gridPath, Instant ratedAt) {
        this(incidentId, trackingCode, stars, resolvedByAccountId, resolvedBy, gridPath, ratedAt, 0L, null);
    }
}
