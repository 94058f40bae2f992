package org.gridgov.points;

import java.time.Instant;
import java.util.List;

/** A welfare pool's public ledger: its balance and its entries, with no person named. */
public record PublicPoolView(long communityId, String communityName, long balance, List<Line> entries) {

    /**
     * @param amount into the pool (positive) or out of it (negative)
     * @param counterpart "donor" or "beneficiary #grant", never a name
     */
    public record Line(long entryId, String type, long amount, Instant at, String counterpart) {
    }
}
