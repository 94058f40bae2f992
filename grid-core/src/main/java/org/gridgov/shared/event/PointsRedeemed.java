package org.gridgov.shared.event;

import java.time.Instant;

/**
 * Someone redeemed Happiness Card points for a mall item: the points are held and a unit of stock is reserved until
 * the partner verifies the code. Published inside the redeeming transaction. Carries no redemption code (it is the
 * voucher) and no person.
 *
 * @param communityPath materialized path of the partner's community, null when the partner serves no one community
 */
public record PointsRedeemed(long redemptionId, long itemId, String itemName, long partnerId, int price,
        String communityPath, Instant redeemedAt, Instant expiresAt) {
}
