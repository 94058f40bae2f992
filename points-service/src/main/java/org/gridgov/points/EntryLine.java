package org.gridgov.points;

import java.time.Instant;

/** One posting on an account, with the account's balance right after it (running balance). */
public record EntryLine(long entryId, String type, long amount, long balanceAfter, Instant at, String sourceRef,
        String rule, String memo, String actor) {
}
