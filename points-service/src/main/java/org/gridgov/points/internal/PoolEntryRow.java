package org.gridgov.points.internal;

import java.time.Instant;

/**
 * One entry of a welfare pool as the ledger holds it: its net amount on the pool's sub-accounts and the document that
 * caused it ({@code grant:3}; a donation has none). Never shown as it is: {@link PublicPoolMapper} turns it into a
 * public line that names nobody.
 *
 * @param amount into the pool (positive) or out of it (negative)
 */
public record PoolEntryRow(long entryId, String type, long amount, Instant createdAt, String sourceRef) {
}
