package org.gridgov.points;

/**
 * Whom a welfare-pool grant is for — exactly one of:
 *
 * @param accountId an account (identity's id) that exists, is active, belongs to a person (not a merchant, an
 *        administrator or an integrator) and is bound inside the pool's community (its grid workers and community
 *        workers); residents' app accounts are bound to no grid, so they are granted through their record
 * @param residentId a resident's record (resident-service's id) living in the pool's community, with or without the
 *        app: the grant becomes a voucher the community hands over
 */
public record GrantBeneficiary(Long accountId, Long residentId) {

    public static GrantBeneficiary account(long accountId) {
        return new GrantBeneficiary(accountId, null);
    }

    public static GrantBeneficiary resident(long residentId) {
        return new GrantBeneficiary(null, residentId);
    }
}
