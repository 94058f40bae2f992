package org.gridgov.points;

/**
 * The outcome of posting a transfer.
 *
 * @param replayed true when an entry with the same idempotency key or the same (type, source) already existed: nothing
 *        new was posted and {@link #entryId()} is the earlier entry
 */
public record PostedEntry(long entryId, boolean replayed) {
}
