package org.gridgov.points;

/** An account's maintained balance: O(1), no sum over postings. available = balance − held. */
public record Balance(long accountId, AccountKind kind, long balance, long held) {

    public long available() {
        return balance - held;
    }
}
