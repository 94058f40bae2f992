package org.gridgov.points;

import java.time.Instant;

/**
 * A redemption and its code. The points are held (reserved) until the merchant verifies the code (VERIFIED), the
 * redeemer cancels (CANCELLED) or it runs out (EXPIRED, refunded).
 */
public record RedemptionView(long id, String code, long itemId, String itemName, long partnerId, int price,
        String state, Instant createdAt, Instant expiresAt, Instant verifiedAt) {
}
