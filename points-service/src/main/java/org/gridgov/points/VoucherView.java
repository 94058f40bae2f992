package org.gridgov.points;

import java.time.Instant;

/**
 * A welfare-pool voucher (公益池兑换券): a grant to a resident's record, its points held under a code the community
 * hands over. Partners checking a code see only what they need to honour it (amount, state, community); the grant
 * and the resident are shown to the community's staff only.
 *
 * @param state ISSUED (can be used), REDEEMED (a partner verified it), CLAIMED (the resident took it into their app)
 * @param grantId null when shown to a partner
 * @param residentId null when shown to a partner
 */
public record VoucherView(long id, String code, Long grantId, Long residentId, long communityId, int amount,
        String state, Instant issuedAt, Instant settledAt, Long partnerId) {

    VoucherView forPartner() {
        return new VoucherView(id, code, null, null, communityId, amount, state, issuedAt, settledAt, partnerId);
    }
}
