package org.gridgov.identity;

import org.gridgov.shared.security.Role;

/**
 * An authenticated principal of the platform: what it is bound to. Its {@code DataScope} is resolved from this on
 * every request ({@link SecurityDataScopeProvider}), so a moved subtree or a changed binding takes effect at once.
 */
public interface ScopedPrincipal {

    /** The account's id, or null for an integrator client. */
    Long accountId();

    String name();

    Role role();

    Long scopeNodeId();

    Long departmentId();

    Long partnerId();
}
