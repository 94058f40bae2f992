package org.gridgov.shared.security;

import java.util.Set;

/**
 * Who is calling, as the modules need it for their own rules (who may accept an incident, check in for a
 * department, …): the account, its {@link Role} and what it is bound to. Resolved by identity from the security
 * context; modules never read the security context themselves.
 *
 * @param accountId null for integrator clients and the system actor
 */
public record Caller(Long accountId, String username, Role role, Long scopeNodeId, Long departmentId,
        Long partnerId) {

    public static final Caller SYSTEM = new Caller(null, "system", Role.SYSTEM_ADMIN, null, null, null);

    public boolean hasRole(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    public boolean hasRoleIn(Set<Role> roles) {
        return roles.contains(role);
    }
}
