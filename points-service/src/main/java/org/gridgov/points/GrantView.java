package org.gridgov.points;

import java.time.Instant;

/** A grant from a community's welfare pool, proposed by one community worker and decided by another. */
public record GrantView(long id, long communityId, long beneficiaryId, int amount, String reason, String state,
        String proposedBy, String decidedBy, Instant decidedAt, Long entryId, Instant createdAt) {
}
