package org.gridgov.shared.security;

import java.util.Set;

/**
 * Who is calling, as the modules need it for their own rules (who may accept an incident, check in for a
 * department, …): the account, its role name and what it is bound to. Resolved by the web app from the security
 * context; modules never read the security context themselves.
 *
 * @param accountId null for integrator clients and the system actor
 * @param role one of SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER, GRID_WORKER, DEPARTMENT_STAFF,
 *        MERCHANT, RESIDENT, INTEGRATOR
 */
public record Caller(Long accountId, String username, String role, Long scopeNodeId, Long departmentId,
        Long partnerId) {

    public static final Caller SYSTEM = new Caller(null, "system", "SYSTEM_ADMIN", null, null, null);

    public boolean hasRole(String... roles) {
        return Set.of(roles).contains(role);
    }
}
