package org.gridgov.points;

/**
 * What a ledger account belongs to: a person's account (identity's id), a community's welfare pool, a partner, the
 * system, or a resident's record (resident-service's id: grants to people without the app, held under a voucher).
 * PERSON, POOL and RESIDENT balances can never go negative (a database CHECK).
 */
public enum AccountKind {
    PERSON, POOL, MERCHANT, SYSTEM, RESIDENT;

    /** Whether the balance of an account of this kind must never go negative. */
    public boolean guarded() {
        return this == PERSON || this == POOL || this == RESIDENT;
    }
}
