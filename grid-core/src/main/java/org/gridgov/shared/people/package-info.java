/**
 * Ports through which a module learns facts about people that another module owns, by id, without depending on
 * it: {@link org.gridgov.shared.people.AccountDirectory} (accounts, implemented by identity) and
 * {@link org.gridgov.shared.people.ResidentDirectory} (residents' records, implemented by resident-service). The
 * points module checks a grant's beneficiary and a ledger's owner through them; the incident module opens the
 * resident an incident refers to. Each answers only what its callers' rules need, never personal data beyond it.
 */
package org.gridgov.shared.people;
