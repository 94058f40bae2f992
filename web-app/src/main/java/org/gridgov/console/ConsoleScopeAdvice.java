package org.gridgov.console;

import org.gridgov.grid.GridNodeService;
import org.gridgov.identity.ScopeResolver;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.shared.scope.DataScope;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every console page's header says which part of the tree the user is working in. */
@ControllerAdvice(annotations = Controller.class)
class ConsoleScopeAdvice {

    /** The scope shown in the header: kind plus, for a subtree, the grid's name. */
    record ScopeLabel(String kind, String name) {
    }

    private final ScopeResolver scopes;
    private final GridNodeService grids;

    ConsoleScopeAdvice(ScopeResolver scopes, GridNodeService grids) {
        this.scopes = scopes;
        this.grids = grids;
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
