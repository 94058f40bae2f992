package org.gridgov.shared.people;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.gridgov.shared.security.Role;

/**
 * Facts about platform accounts for other modules' rules — whether an account exists, is a person, where it is
 * bound — without the caller's data scope and without depending on identity, which implements it. Modules apply
 * their own scope to what they then show.
 */
public interface AccountDirectory {

    /** An account by id, active or not; empty when there is none. */
    Optional<AccountFacts> account(long accountId);

    /** The accounts among these ids that exist, active or not, in no particular order (one query). */
    List<AccountFacts> accounts(Collection<Long> accountIds);

    /**
     * The active accounts of a role bound to exactly this grid node (not below it), by id: for instance the grid
     * workers whose account serves a micro grid.
     */
    List<AccountFacts> boundTo(Role role, long nodeId);

    /**
     * What other modules may know of an account.
     *
     * @param scopeNodeId the grid node a staff account is bound to; null for residents, merchants, departments
     * @param displayName the name shown to others (never the login)
     */
    record AccountFacts(long id, Role role, Long scopeNodeId, String displayName, boolean active) {

        /** An account of a person: neither a merchant, an administrator nor an integrator client. */
        public boolean isPerson() {
            return role != Role.MERCHANT && role != Role.SYSTEM_ADMIN && role != Role.INTEGRATOR;
        }

        /**
         * How others see this account in lists and rankings: staff by their display name, residents only as "居民"
         * (a resident's name is personal data), never by the login.
         */
        public String publicName() {
            if (role == Role.RESIDENT || displayName == null || displayName.isBlank()) {
                return role == Role.RESIDENT ? "居民" : "#" + id;
            }
            return displayName;
        }
    }
}
