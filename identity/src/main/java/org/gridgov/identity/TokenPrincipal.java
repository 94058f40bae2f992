package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.io.Serial;
import java.io.Serializable;

/** The principal of a request authenticated by an access token (an account or an integrator client). */
public record TokenPrincipal(Long accountId, String name, Role role, Long scopeNodeId, Long departmentId,
        Long partnerId) implements ScopedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return name + " (" + role + ")";
    }
}
