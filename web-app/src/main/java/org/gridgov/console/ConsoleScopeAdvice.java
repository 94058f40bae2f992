package org.gridgov.console;

import org.gridgov.grid.GridNodeService;
import org.gridgov.identity.ScopeResolver;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Every console page's header says which part of the tree the user is working in, and every page knows what the
 * user may do ({@code may.manager}, …) from the role groups of {@link Role}, so templates never spell a role.
 */
@ControllerAdvice(annotations = Controller.class)
class ConsoleScopeAdvice {

    /** The scope shown in the header: kind plus, for a subtree, the grid's name. */
    record ScopeLabel(String kind, String name) {
    }

    /** What the signed-in user may do, by {@link Role} group; templates show or hide links and forms by it. */
    record ConsoleAccess(boolean admin, boolean manager, boolean gridStaff, boolean gridStaffOrDepartment,
            boolean incidentUser, boolean merchant) {

        static final ConsoleAccess NONE = new ConsoleAccess(false, false, false, false, false, false);

        static ConsoleAccess of(Role role) {
            return new ConsoleAccess(role == Role.SYSTEM_ADMIN, Role.MANAGERS.contains(role),
                    Role.GRID_STAFF.contains(role), Role.GRID_STAFF.contains(role) || role == Role.DEPARTMENT_STAFF,
                    Role.INCIDENT_CONSOLE_USERS.contains(role), role == Role.MERCHANT);
        }
    }

    private final ScopeResolver scopes;
    private final GridNodeService grids;

    ConsoleScopeAdvice(ScopeResolver scopes, GridNodeService grids) {
        this.scopes = scopes;
        this.grids = grids;
    }

    @ModelAttribute("may")
    ConsoleAccess may(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof ScopedPrincipal principal
                ? ConsoleAccess.of(principal.role()) : ConsoleAccess.NONE;
    }

    @ModelAttribute("scopeLabel")
    ScopeLabel scopeLabel(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof ScopedPrincipal principal)) {
            return null;
        }
        DataScope scope = scopes.resolve(principal);
        String name = scope.kind() == DataScope.Kind.SUBTREE ? grids.get(scope.nodeId()).name() : null;
        return new ScopeLabel(scope.kind().name(), name);
    }
}
