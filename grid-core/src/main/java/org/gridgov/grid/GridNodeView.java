package org.gridgov.grid;

import java.time.Instant;

/** A grid node as the API shows it. */
public record GridNodeView(long id, String code, String name, GridType type, Long parentId, String parentCode,
        GridStatus status, int depth, boolean partyOrganisation, boolean hasBoundary, long activeChildren,
        long version, Instant createdAt, Instant updatedAt, Instant retiredAt) {
}
