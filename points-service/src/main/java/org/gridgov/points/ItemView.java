package org.gridgov.points;

import java.time.Instant;

/**
 * An item of the points mall.
 *
 * @param stock units left, null for unlimited
 */
public record ItemView(long id, long partnerId, String partnerName, String name, String description,
        String pictureUrl, int price, Integer stock, Instant validFrom, Instant validUntil, Integer limitPerPerson,
        boolean active) {
}
