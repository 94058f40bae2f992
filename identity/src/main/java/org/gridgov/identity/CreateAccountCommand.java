package org.gridgov.identity;

import org.gridgov.shared.security.Role;

/** Create an account with a role and what it is bound to. */
public record CreateAccountCommand(String username, String displayName, String phone, String password, Role role,
        Long scopeNodeId, Long departmentId, Long partnerId) {
}
