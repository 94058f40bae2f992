package org.gridgov.identity.testing;

import org.gridgov.shared.web.ProblemWriter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API security of a module test application that has identity (identity's own, integration's): bearer access
 * tokens of real accounts and integrator clients, checked by identity's JWT decoder and turned into its principals
 * exactly as in the platform, so data scope and audit work as they do there. Unlike the web app's chain it decides
 * nothing per role: the ways in are open, everything else needs a valid token. Which role may call which URL is the
 * web app's {@code ApiAuthorization}, tested there; module tests exercise controllers, services and SQL.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApiTestSecurityConfiguration {

    /** The ways in: no token needed (as in the platform). */
    static final String[] AUTH_ENDPOINTS = { "/api/v1/auth/token", "/api/v1/auth/client-token",
            "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/register", "/api/v1/auth/register/code" };

    @Bean
    @Order(1)
    SecurityFilterChain apiTestSecurity(HttpSecurity http, ProblemWriter problems, JwtDecoder decoder,
            Converter<Jwt, AbstractAuthenticationToken> tokenConverter) throws Exception {
        http.securityMatcher("/api/**")
            .authorizeHttpRequests(auth -> auth.requestMatchers(AUTH_ENDPOINTS).permitAll().anyRequest().authenticated())
            .oauth2ResourceServer(resource -> resource
                .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokenConverter))
                .authenticationEntryPoint((request, response, ex) -> {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    problems.write(response, HttpStatus.UNAUTHORIZED, "auth.unauthenticated",
                            "A valid access token is required (" + ex.getMessage() + ")");
                }))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable())
            .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> problems.write(response,
                    HttpStatus.FORBIDDEN, "auth.forbidden", "Your role may not do this.")));
        return http.build();
    }
}
