package org.gridgov.identity;

import org.gridgov.shared.audit.Actor;
import org.gridgov.shared.audit.ActorProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Who is acting, for the audit log: the authenticated name and role, and the client address of the request. */
@Component
class SecurityActorProvider implements ActorProvider {

    @Override
    public Actor current() {
        String ip = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return new Actor("anonymous", null, ip);
        }
        String role = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).findFirst().orElse(null);
        return new Actor(authentication.getName(), role, ip);
    }
}
