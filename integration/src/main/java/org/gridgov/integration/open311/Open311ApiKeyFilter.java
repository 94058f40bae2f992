package org.gridgov.integration.open311;

import org.gridgov.shared.security.Role;
import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gridgov.identity.IntegratorClientService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Open311 authenticates with an {@code api_key} parameter (query or form body). A current key makes the request
 * the integrator client it was issued to — its role and scope, as with a bearer token. Whether an endpoint needs a
 * key, and the Open311-shaped 403 when it is missing or wrong, is up to the endpoint.
 */
public class Open311ApiKeyFilter extends OncePerRequestFilter {

    static final String INVALID_KEY = Open311ApiKeyFilter.class.getName() + ".invalid";

    private final IntegratorClientService clients;

    public Open311ApiKeyFilter(IntegratorClientService clients) {
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getParameter("api_key");
        if (key != null) {
            var principal = clients.authenticateOpen311Key(key);
            if (principal.isPresent()) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal.get(), null,
                        List.of(new SimpleGrantedAuthority(Role.INTEGRATOR.authority()))));
                SecurityContextHolder.setContext(context);
            }
            else {
                request.setAttribute(INVALID_KEY, Boolean.TRUE);
            }
        }
        chain.doFilter(request, response);
    }
}
