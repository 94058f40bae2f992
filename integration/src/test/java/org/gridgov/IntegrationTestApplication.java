package org.gridgov;

import org.gridgov.identity.IntegratorClientService;
import org.gridgov.identity.testing.ApiTestSecurityConfiguration;
import org.gridgov.integration.open311.Open311ApiKeyFilter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Integration with what it builds on — grid core, identity, incidents (whose moves fill the outbox) and the resident
 * module for the platform's {@code DataCipher} — for its integration tests. The API is secured by identity's
 * {@link ApiTestSecurityConfiguration}; Open311 by its {@code api_key}, as in the platform.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ApiTestSecurityConfiguration.class)
public class IntegrationTestApplication {

    /** Open311 GeoReport v2: no session, no CSRF, the spec's {@code api_key} parameter (as the web app's chain). */
    @Bean
    @Order(0)
    SecurityFilterChain open311TestSecurity(HttpSecurity http, IntegratorClientService clients) throws Exception {
        http.securityMatcher("/open311/**")
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .addFilterBefore(new Open311ApiKeyFilter(clients), AnonymousAuthenticationFilter.class)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    public static void main(String[] args) {
        SpringApplication.run(IntegrationTestApplication.class, args);
    }
}
