package org.gridgov.points;

/** Why points moved. Every journal entry has exactly one. */
public enum EntryType {
    /** Points earned for an approved service or a confirmed, closed incident: issuance → person. */
    EARN,
    /** A verified redemption or welfare-pool voucher: person (or resident's record) → merchant, from a hold. */
    REDEEM,
    /** Points given back after a redemption was honoured and then undone: merchant → person. */
    REFUND,
    /** A person gives to their community's welfare pool: person → pool. */
    DONATE,
    /**
     * The community grants from its pool to a person in need: pool → person, or pool → a resident's record (held
     * under a voucher), and a claimed voucher: resident's record → the resident's own account.
     */
    GRANT,
    /** Points past their validity: person → expiry. */
    EXPIRE,
    /** A correction: a new entry reversing (part of) an earlier one. */
    ADJUST
}
