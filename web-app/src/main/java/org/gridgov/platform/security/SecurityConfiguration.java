package org.gridgov.platform.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.shared.web.ProblemWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * The security baseline: everything under {@code /api} needs authentication unless listed as public here;
 * console pages need a login. Two filter chains: a stateless one for the API (no CSRF, no session) and a
 * session-based one with form login and CSRF for the console. Errors are problem details.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BootstrapAdminProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** API endpoints anyone may call, without a login. */
    static final String[] PUBLIC_API = { "/api/v1/public/**" };

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemWriter problems) throws Exception {
        http.securityMatcher("/api/**")
            .authorizeHttpRequests(auth -> auth
                .requestMatchers(PUBLIC_API).permitAll()
                .anyRequest().authenticated())
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, ex) -> problems.write(response,
                    HttpStatus.UNAUTHORIZED, "auth.unauthenticated", "Authentication is required.")))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable())
            .exceptionHandling(ex -> ex
                .authenticationEntryPoint((request, response, e) -> problems.write(response, HttpStatus.UNAUTHORIZED,
                        "auth.unauthenticated", "Authentication is required."))
                .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                        "auth.forbidden", "You may not do this.")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, ProblemWriter problems) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico").permitAll()
                .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                .requestMatchers("/open311/**").permitAll()
                .anyRequest().authenticated())
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
            .httpBasic(Customizer.withDefaults())
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                    "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; "
                            + "script-src 'self'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Until accounts arrive (identity issue): the bootstrap administrator only. */
    @Bean
    UserDetailsService bootstrapAdmin(BootstrapAdminProperties properties, PasswordEncoder encoder) {
        String password = properties.password();
        if (!StringUtils.hasText(password)) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("No GRIDGOV_ADMIN_PASSWORD set: generated password for '{}': {}", properties.username(), password);
        }
        return new InMemoryUserDetailsManager(User.withUsername(properties.username())
                .password(encoder.encode(password))
                .roles("SYSTEM_ADMIN")
                .build());
    }
}
