package org.gridgov.identity;

import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The platform's one {@link DataScopeProvider}: the scope of the authenticated principal. A {@link ScopedPrincipal}
 * carries its own; any other principal is city-wide only as a system administrator; the unauthenticated see nothing.
 */
@Component
class SecurityDataScopeProvider implements DataScopeProvider {

    @Override
    public DataScope current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return DataScope.none();
        }
        if (authentication.getPrincipal() instanceof ScopedPrincipal scoped) {
            return scoped.scope();
        }
        boolean admin = authentication.getAuthorities().stream()
            .anyMatch(a -> "ROLE_SYSTEM_ADMIN".equals(a.getAuthority()));
        return admin ? DataScope.all() : DataScope.none();
    }
}
