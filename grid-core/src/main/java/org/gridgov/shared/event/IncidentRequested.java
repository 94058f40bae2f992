package org.gridgov.shared.event;

import java.time.Instant;
import java.util.UUID;

import org.gridgov.shared.security.Role;

/**
 * Another module asks for an incident to be opened — a grid worker's visit finding or a failed safety-inspection
 * item (网格发现). Published inside the requesting transaction; the incident module reports it as a GRID_PATROL
 * incident on behalf of the requester, in the grid named here. Listeners must be idempotent on {@link #requestKey()}.
 *
 * @param origin what found it, e.g. {@code RESIDENT_VISIT}, {@code SAFETY_INSPECTION}
 * @param categoryCode an incident category (an unknown one is reported as {@code OTHER})
 * @param gridId the grid where it is (the dwelling's micro grid)
 * @param requestedByRole the requester's role; with their account and scope the incident module acts as them
 */
public record IncidentRequested(UUID requestKey, String origin, String categoryCode, String description, long gridId,
        Double lat, Double lng, Long requestedByAccountId, String requestedBy, Role requestedByRole,
        Long requestedByScopeNodeId, Instant requestedAt) {
}
