package org.gridgov.points;

import java.time.Instant;

/** A new mall item; stock null means unlimited. */
public record CreateItemCommand(long partnerId, String name, String description, String pictureUrl, int price,
        Integer stock, Instant validFrom, Instant validUntil, Integer limitPerPerson) {
}
