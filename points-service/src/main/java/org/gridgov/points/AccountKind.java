package org.gridgov.points;

/** What a ledger account belongs to. PERSON and POOL balances can never go negative (a database CHECK). */
public enum AccountKind {
    PERSON, POOL, MERCHANT, SYSTEM
}
