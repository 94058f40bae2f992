package org.gridgov.points;

import java.time.Instant;

/**
 * A grant from a community's welfare pool, proposed by one community worker and decided by another.
 *
 * @param beneficiaryId the account granted to (identity's id), null for a grant to a resident's record
 * @param residentId the resident's record granted to (resident-service's id), null for a grant to an account
 * @param voucher for an approved grant to a resident's record: the voucher the community hands over
 */
public record GrantView(long id, long communityId, Long beneficiaryId, Long residentId, int amount, String reason,
        String state, String proposedBy, String decidedBy, Instant decidedAt, Long entryId, Instant createdAt,
        VoucherView voucher) {
}
