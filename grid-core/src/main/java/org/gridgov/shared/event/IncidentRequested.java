package org.gridgov.shared.event;

import java.time.Instant;
import java.util.UUID;

import org.gridgov.shared.security.Role;

/**
 * Another module asks for an incident to be opened — a grid worker's visit finding or a failed safety-inspection
 * item (网格发现). Published inside the requesting transaction; the incident module reports it as a GRID_PATROL
 * incident on behalf of the requester, in the grid named here. Listeners must be idempotent on {@link #requestKey()}.
 * <p>
 * The description never names a resident or their address (integrators and summoned departments read incidents, and
 * residents' data is never theirs): the resident and dwelling travel as ids, which the incident keeps as a reference
 * that only staff entitled to the resident can open (resident-service's {@code ResidentDirectory}).
 *
 * @param origin what found it, e.g. {@code RESIDENT_VISIT}, {@code SAFETY_INSPECTION}
 * @param categoryCode an incident category (an unknown one is reported as {@code OTHER})
 * @param description what was found, free of residents' data
 * @param gridId the grid where it is (the dwelling's micro grid)
 * @param requestedByRole the requester's role; with their account and scope the incident module acts as them
 * @param residentId the resident concerned (a visit), null when none
 * @param dwellingId the dwelling concerned, null when unknown
 */
public record IncidentRequested(UUID requestKey, String origin, String categoryCode, String description, long gridId,
        Double lat, Double lng, Long requestedByAccountId, String requestedBy, Role requestedByRole,
        Long requestedByScopeNodeId, Instant requestedAt, Long residentId, Long dwellingId) {

    /** A request about no particular resident or dwelling (events recorded before the reference was added). */
    public IncidentRequested(UUID requestKey, String origin, String categoryCode, String description, long gridId,
            Double lat, Double lng, Long requestedByAccountId, String requestedBy, Role requestedByRole,
            Long requestedByScopeNodeId, Instant requestedAt) {
        this(requestKey, origin, categoryCode, description, gridId, lat, lng, requestedByAccountId, requestedBy,
                requestedByRole, requestedByScopeNodeId, requestedAt, null, null);
    }
}
