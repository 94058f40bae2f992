package org.gridgov.platform.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The last API rule: an endpoint that exists but is missing from {@link ApiAuthorization} is denied (nobody decided
 * who may use it); a path that matches no endpoint at all is let through to Spring MVC for an authenticated caller, so
 * it answers an honest 404 (or 405 for a wrong method) instead of a misleading 403.
 */
final class UnlistedEndpoints implements AuthorizationManager<RequestAuthorizationContext> {

    private final HandlerMapping endpoints;
    private final AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();

    UnlistedEndpoints(HandlerMapping endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        boolean signedIn = trust.isAuthenticated(authentication.get());
        return new AuthorizationDecision(signedIn && !isEndpoint(context.getRequest()));
    }

    private boolean isEndpoint(HttpServletRequest request) {
        Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        try {
            if (previous == null) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            return endpoints.getHandler(request) != null;
        }
        catch (HttpRequestMethodNotSupportedException | HttpMediaTypeException ex) {
            return false; // the path exists but not for this method or media type: MVC answers 405/415
        }
        catch (Exception ex) {
            return true; // when in doubt, deny
        }
        finally {
            if (previous == null) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
