package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The platform's one {@link DataScopeProvider}: the scope of the authenticated principal, resolved once per request
 * (cached in the request). The system actor is city-wide; the unauthenticated see nothing.
 */
@Component
class SecurityDataScopeProvider implements DataScopeProvider {

    private static final String CACHE = SecurityDataScopeProvider.class.getName() + ".scope";

    private final ScopeResolver resolver;

    SecurityDataScopeProvider(ScopeResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public DataScope current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return DataScope.none();
        }
        if (authentication.getPrincipal() instanceof ScopedPrincipal scoped) {
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            String key = CACHE + "." + scoped.name();
            if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof DataScope cached) {
                return cached;
            }
            DataScope scope = resolver.resolve(scoped);
            if (request != null) {
                request.setAttribute(key, scope, RequestAttributes.SCOPE_REQUEST);
            }
            return scope;
        }
        boolean system = SystemAuthentication.NAME.equals(authentication.getName()) && authentication.getAuthorities()
            .stream().anyMatch(a -> Role.SYSTEM_ADMIN.authority().equals(a.getAuthority()));
        return system ? DataScope.all() : DataScope.none();
    }
}
