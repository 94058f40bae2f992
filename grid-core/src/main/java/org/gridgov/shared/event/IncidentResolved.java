package org.gridgov.shared.event;

import java.time.Instant;

/**
 * An incident was resolved (办结). Published by the incident module inside the resolving transaction and recorded in
 * the event publication registry, so listeners in other modules (points: on-time resolution can earn points) run
 * after commit and are retried if the node dies first. Listeners must be idempotent on {@link #incidentId()}.
 *
 * @param resolvedByAccountId the staff account that resolved it; null when the system or an integrator did
 * @param onTime resolved no later than the resolution deadline
 */
public record IncidentResolved(long incidentId, String trackingCode, String categoryCode, long holderGridId,
        String holderGridPath, Long resolvedByAccountId, String resolvedBy, boolean onTime, Instant resolvedAt) {
}
