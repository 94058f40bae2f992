package org.gridgov.platform.security;

import org.gridgov.identity.IntegratorClientService;
import org.gridgov.integration.open311.Open311ApiKeyFilter;
import org.gridgov.shared.security.Role;
import org.gridgov.shared.web.ProblemWriter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Two ways in. The API ({@code /api/**}) is stateless: bearer JWT access tokens (Spring Security's resource server,
 * Nimbus), no session, no CSRF; who may call what is {@link ApiAuthorization}. The console is a session with form
 * login, CSRF on, and an HttpOnly SameSite=Lax cookie (Secure behind TLS); the session (and so the CSRF token it
 * holds) is kept in PostgreSQL by Spring Session JDBC, so any node serves it. Both check passwords through the one
 * {@link AuthenticationManager}, so lock-out and auditing are the same. Errors are problem details.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    /** Spring Session's cookie for the console session (kept in PostgreSQL, not in one node's memory). */
    static final String CONSOLE_SESSION_COOKIE = "SESSION";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemWriter problems, JwtDecoder decoder,
            Converter<Jwt, AbstractAuthenticationToken> tokenConverter,
            @Qualifier("requestMappingHandlerMapping") HandlerMapping endpoints) throws Exception {
        UnlistedEndpoints unlisted = new UnlistedEndpoints(endpoints);
        http.securityMatcher("/api/**")
            .authorizeHttpRequests(auth -> ApiAuthorization.rules(auth, unlisted))
            .oauth2ResourceServer(resource -> resource
                .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokenConverter))
                .authenticationEntryPoint((request, response, ex) -> {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    problems.write(response, HttpStatus.UNAUTHORIZED, "auth.unauthenticated",
                            "A valid access token is required (" + ex.getMessage() + ")");
                }))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable())
            .exceptionHandling(ex -> ex
                .authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    problems.write(response, HttpStatus.UNAUTHORIZED, "auth.unauthenticated",
                            "Authentication is required.");
                })
                .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                        "auth.forbidden", "Your role may not do this.")));
        return http.build();
    }

    /**
     * Open311 GeoReport v2: no session, no CSRF (its clients post forms from other systems), authentication by the
     * spec's {@code api_key} parameter; each endpoint answers a missing or wrong key in Open311's own error format.
     */
    @Bean
    @Order(0)
    SecurityFilterChain open311Security(HttpSecurity http, IntegratorClientService clients) throws Exception {
        http.securityMatcher("/open311/**")
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .addFilterBefore(new Open311ApiKeyFilter(clients), AnonymousAuthenticationFilter.class)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, AuthenticationManager authenticationManager)
            throws Exception {
        http.authenticationManager(authenticationManager)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico").permitAll()
                .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                // the phone web app's manifest, service worker and icon: browsers fetch these without the session
                .requestMatchers("/m/manifest.webmanifest", "/m/sw.js", "/m/icon.svg").permitAll()
                .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                .requestMatchers("/actuator/**").hasRole(Role.SYSTEM_ADMIN.name())
                .anyRequest().authenticated())
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
                .failureHandler(loginFailures()))
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                .deleteCookies(CONSOLE_SESSION_COOKIE))
            .httpBasic(basic -> basic.realmName("GridGov"))
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                    "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; "
                            + "script-src 'self'; frame-ancestors 'none'")));
        return http.build();
    }

    /** A locked account gets its own message; every other failure the same "wrong username or password". */
    private static AuthenticationFailureHandler loginFailures() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setExceptionMappings(java.util.Map.of(LockedException.class.getName(), "/login?locked"));
        handler.setDefaultFailureUrl("/login?error");
        return handler;
    }
}
