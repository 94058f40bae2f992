package org.gridgov.identity;

import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The platform's {@link CallerProvider}: the authenticated principal, or the system actor for internal work. */
@Component
class SecurityCallerProvider implements CallerProvider {

    @Override
    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return null;
        }
        if (authentication.getPrincipal() instanceof ScopedPrincipal p) {
            return new Caller(p.accountId(), p.name(), p.role(), p.scopeNodeId(), p.departmentId(),
                    p.partnerId());
        }
        return SystemAuthentication.NAME.equals(authentication.getName()) ? Caller.SYSTEM : null;
    }
}
