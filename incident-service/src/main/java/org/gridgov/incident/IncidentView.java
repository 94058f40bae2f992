package org.gridgov.incident;

import java.time.Instant;
import java.util.List;

import org.gridgov.grid.GridNodeRef;

/**
 * An incident as its viewer may see it. {@code expectedResolutionAt} is the resolution deadline the reporter is
 * told; {@code allowedMoves} are the moves the viewer may make now. The reporter's name is withheld from staff when
 * the report is anonymous. {@code clockPausedAt} is set while it waits for the reporter (the deadline clock is paused).
 * {@code externalRef} is the sending system's ticket, {@code needsTriage} that its category code had no mapping (it
 * waits in the triage category), {@code contact} the caller's contact, masked — null for viewers who may not see it.
 */
public record IncidentView(long id, String trackingCode, String category, String categoryName, IncidentSource source,
        String description, Double lat, Double lng, GridNodeRef grid, GridNodeRef holder, String assigneeName,
        IncidentState state, boolean outsideGrid, boolean anonymous, String reporter, Instant acceptDueAt,
        Instant expectedResolutionAt, Instant acceptedAt, Instant resolvedAt, Instant closedAt, int escalations,
        int reopenCount, Integer rating, String ratingComment, String rejectionReason, Long mergedIntoId, long version,
        Instant createdAt, List<Move> allowedMoves, List<SummonsView> summons, Instant clockPausedAt,
        ExternalRef externalRef, boolean needsTriage, IncidentContact contact) {
}
