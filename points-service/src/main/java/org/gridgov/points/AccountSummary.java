package org.gridgov.points;

/** A ledger account as the console lists it. */
public record AccountSummary(long id, String kind, Long ownerId, int shard, String name, long balance, long held) {
}
