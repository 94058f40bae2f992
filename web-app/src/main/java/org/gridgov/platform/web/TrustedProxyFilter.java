package org.gridgov.platform.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Believes {@code X-Forwarded-For/-Proto/-Host/-Port/-Prefix} (and {@code Forwarded}) only when the socket peer is a
 * trusted proxy; from anyone else they are removed before any other code sees them, so rate limits, the audit log's
 * addresses, redirects and the session cookie's {@code Secure} flag follow the real connection.
 * <p>
 * From a trusted proxy the client address is the right-most {@code X-Forwarded-For} entry that is not itself a trusted
 * proxy (what the nearest untrusted hop connected from); entries left of it were written by the client and are
 * ignored. Scheme, host, port and prefix come from Spring's {@link ForwardedHeaderFilter}, so
 * {@code request.isSecure()} is true — and the session cookie {@code Secure} — when the proxy says
 * {@code X-Forwarded-Proto: https}.
 */
final class TrustedProxyFilter extends OncePerRequestFilter {

    private static final Set<String> CLIENT_ADDRESS_HEADERS = Set.of("x-forwarded-for", "forwarded");

    private final TrustedProxies proxies;
    private final ForwardedHeaderFilter honour = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter remove = new ForwardedHeaderFilter();

    TrustedProxyFilter(TrustedProxies proxies) {
        this.proxies = proxies;
        remove.setRemoveOnly(true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!proxies.trusts(request.getRemoteAddr())) {
            remove.doFilter(request, response, chain);
            return;
        }
        honour.doFilter(new ForwardedClient(request, clientAddress(request)), response, chain);
    }

    private String clientAddress(HttpServletRequest request) {
        String client = request.getRemoteAddr();
        Enumeration<String> values = request.getHeaders("X-Forwarded-For");
        java.util.List<String> hops = new java.util.ArrayList<>();
        while (values.hasMoreElements()) {
            for (String hop : values.nextElement().split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = TrustedProxies.normalise(hops.get(i));
            if (hop == null) {
                return client; // garbage: keep the nearest address we can vouch for
            }
            client = hop;
            if (!proxies.trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** The request as from the client a trusted proxy names; the client-address headers hidden from the rest. */
    private static final class ForwardedClient extends HttpServletRequestWrapper {

        private final String address;

        ForwardedClient(HttpServletRequest request, String address) {
            super(request);
            this.address = address;
        }

        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getRemoteHost() {
            return address;
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                .filter(name -> !hidden(name)).toList());
        }

        private static boolean hidden(String name) {
            return CLIENT_ADDRESS_HEADERS.contains(name.toLowerCase(Locale.ROOT));
        }
    }
}
