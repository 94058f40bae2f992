package org.gridgov.shared.event;

import java.time.Instant;

import org.gridgov.shared.security.Role;

/**
 * An incident reached CLOSED: the reporter confirmed the result with a satisfied rating, or nobody rated it in time
 * and it closed by itself. Published by the incident module inside the closing transaction and recorded in the event
 * publication registry (durable: listeners run after commit and are retried). Points credit the work here, not at
 * resolution: a resolution the reporter rejected reopens the incident and is never closed as such, and whoever
 * resolved it last is the one credited. Published once per incident (CLOSED is final); listeners are idempotent on
 * {@link #incidentId()}.
 *
 * @param gridId the grid where it happened
 * @param gridPath that grid's materialized path
 * @param reporterAccountId the reporter's account; null for reports by integrators, sensors and other platforms
 * @param reporterRole the reporter's role; null when unknown
 * @param resolvedByAccountId the staff account that resolved it the last time; null when the system or an
 *        integrator did
 * @param resolvedBy that resolver's display name (never a login)
 * @param resolvedOnTime the last resolution came no later than the resolution deadline in force then
 * @param confirmedByReporter true when the reporter's rating closed it, false when it closed unrated
 */
public record IncidentClosed(long incidentId, String trackingCode, String categoryCode, long gridId, String gridPath,
        Long reporterAccountId, Role reporterRole, Long resolvedByAccountId, String resolvedBy,
        boolean resolvedOnTime, boolean confirmedByReporter, Instant closedAt) {
}
