package org.gridgov.platform.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call which API operation, by role — in one table. What they then see is narrowed by their data scope in
 * the services. Anything not listed here is denied, so a new endpoint is unreachable until someone decides who may
 * use it (and the authorization matrix test fails until the decision is recorded there too).
 */
final class ApiAuthorization {

    static final String[] ADMIN = { "SYSTEM_ADMIN" };
    /** Those who maintain the tree, staff and accounts within their scope. */
    static final String[] MANAGERS = { "SYSTEM_ADMIN", "DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER" };
    /** Those who read grid data within their scope. */
    static final String[] GRID_READERS = { "SYSTEM_ADMIN", "DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER",
            "GRID_WORKER", "DEPARTMENT_STAFF", "INTEGRATOR" };

    /** Those who work on incidents at a grid level. */
    static final String[] INCIDENT_STAFF = { "SYSTEM_ADMIN", "DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER",
            "GRID_WORKER" };
    /** Those who report incidents (and rate their own). */
    static final String[] REPORTERS = { "SYSTEM_ADMIN", "DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER",
            "GRID_WORKER", "RESIDENT", "INTEGRATOR" };
    /** Those who read incidents (each sees only their own part: scope, summons, own reports). */
    static final String[] INCIDENT_READERS = { "SYSTEM_ADMIN", "DISTRICT_OFFICER", "STREET_OFFICER",
            "COMMUNITY_WORKER", "GRID_WORKER", "DEPARTMENT_STAFF", "RESIDENT", "INTEGRATOR" };

    // points
    /** Those who hold points of their own (earn, redeem, donate). */
    static final String[] POINT_HOLDERS = { "SYSTEM_ADMIN", "DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER",
            "GRID_WORKER", "DEPARTMENT_STAFF", "RESIDENT" };
    /** residents: those who work with people-and-housing data (personal data: never departments or integrators). */
    static final String[] RESIDENT_STAFF = { "SYSTEM_ADMIN", "DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER",
            "GRID_WORKER" };

    /** Needs no login: the ways in, and the public grid card. */
    static final String[] PUBLIC = { "/api/v1/public/**", "/api/v1/auth/token", "/api/v1/auth/client-token",
            "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/register", "/api/v1/auth/register/code" };

    private ApiAuthorization() {
    }

    static void rules(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry auth,
            UnlistedEndpoints unlisted) {
        auth.requestMatchers(PUBLIC).permitAll()
            .requestMatchers("/api/v1/me", "/api/v1/me/**").authenticated()
            // grid core
            .requestMatchers(HttpMethod.GET, "/api/v1/grids", "/api/v1/grids/**", "/api/v1/staff/**", "/api/v1/locate",
                    "/api/v1/duties", "/api/v1/admissions/check", "/api/v1/departments", "/api/v1/departments/**")
            .hasAnyRole(GRID_READERS)
            .requestMatchers("/api/v1/grids", "/api/v1/grids/**", "/api/v1/staff/**", "/api/v1/departments",
                    "/api/v1/admissions", "/api/v1/grid-imports", "/api/v1/grid-imports/**")
            .hasAnyRole(MANAGERS)
            // incidents
            .requestMatchers(HttpMethod.GET, "/api/v1/incidents/figures", "/api/v1/incidents/figures/breakdown")
            .hasAnyRole(GRID_READERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/incident-categories", "/api/v1/work-calendar").authenticated()
            .requestMatchers("/api/v1/incident-categories/**", "/api/v1/work-calendar/**").hasRole("SYSTEM_ADMIN")
            .requestMatchers(HttpMethod.GET, "/api/v1/incidents", "/api/v1/incidents/**").hasAnyRole(INCIDENT_READERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents", "/api/v1/incidents/*/rating",
                    "/api/v1/incidents/*/reply")
            .hasAnyRole(REPORTERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/photos").hasAnyRole(INCIDENT_READERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/whistle")
            .hasAnyRole("SYSTEM_ADMIN", "DISTRICT_OFFICER", "STREET_OFFICER")
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/check-in", "/api/v1/incidents/*/department-report")
            .hasRole("DEPARTMENT_STAFF")
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/accept", "/api/v1/incidents/*/start",
                    "/api/v1/incidents/*/progress", "/api/v1/incidents/*/escalate", "/api/v1/incidents/*/resolve",
                    "/api/v1/incidents/*/reject", "/api/v1/incidents/*/merge", "/api/v1/incidents/*/ask-reporter",
                    "/api/v1/incidents/*/resume")
            .hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.POST, "/api/v1/sensor-alarms").hasAnyRole("INTEGRATOR", "SYSTEM_ADMIN")
            .requestMatchers("/api/v1/sensor-devices", "/api/v1/sensor-devices/**").hasRole("SYSTEM_ADMIN")
            // integration
            .requestMatchers("/api/v1/webhook-subscriptions", "/api/v1/webhook-subscriptions/**",
                    "/api/v1/webhook-deliveries/**")
            .hasAnyRole("SYSTEM_ADMIN", "INTEGRATOR")
            // points
            .requestMatchers(HttpMethod.GET, "/api/v1/points/service-types", "/api/v1/points/items",
                    "/api/v1/points/partners")
            .authenticated()
            .requestMatchers(HttpMethod.PUT, "/api/v1/points/service-types/*").hasRole("SYSTEM_ADMIN")
            .requestMatchers(HttpMethod.GET, "/api/v1/points/rankings", "/api/v1/points/rankings/satisfaction")
                .hasAnyRole(GRID_READERS)
            .requestMatchers("/api/v1/points/redemptions/verify").hasRole("MERCHANT")
            .requestMatchers(HttpMethod.GET, "/api/v1/points/redemptions").hasRole("MERCHANT")
            .requestMatchers(HttpMethod.POST, "/api/v1/points/service-records/*/approve",
                    "/api/v1/points/service-records/*/reject", "/api/v1/points/items", "/api/v1/points/partners",
                    "/api/v1/points/pools/*/grants", "/api/v1/points/grants/*/approve", "/api/v1/points/grants/*/reject")
            .hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/points/pools/*/grants", "/api/v1/points/accounts/*/entries")
            .hasAnyRole(MANAGERS)
            .requestMatchers("/api/v1/points/me", "/api/v1/points/me/**", "/api/v1/points/service-records",
                    "/api/v1/points/service-records/*", "/api/v1/points/items/*/redeem",
                    "/api/v1/points/redemptions/*/cancel")
            .hasAnyRole(POINT_HOLDERS)
            // residents
            .requestMatchers(HttpMethod.POST, "/api/v1/compounds", "/api/v1/compounds/*/buildings",
                    "/api/v1/buildings/*/dwellings", "/api/v1/resident-imports", "/api/v1/inspection-campaigns")
            .hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.PUT, "/api/v1/resident-tags", "/api/v1/checklists/*").hasAnyRole(MANAGERS)
            .requestMatchers("/api/v1/compounds", "/api/v1/compounds/**", "/api/v1/dwellings", "/api/v1/dwellings/**",
                    "/api/v1/places", "/api/v1/residents", "/api/v1/residents/**", "/api/v1/resident-tags",
                    "/api/v1/resident-imports", "/api/v1/resident-imports/**", "/api/v1/visits", "/api/v1/visits/**",
                    "/api/v1/checklists", "/api/v1/checklists/**", "/api/v1/inspection-campaigns",
                    "/api/v1/inspection-campaigns/**", "/api/v1/hazards", "/api/v1/hazards/**")
            .hasAnyRole(RESIDENT_STAFF)
            // identity
            .requestMatchers("/api/v1/accounts", "/api/v1/accounts/**", "/api/v1/audit-events").hasAnyRole(MANAGERS)
            .requestMatchers("/api/v1/integrator-clients", "/api/v1/integrator-clients/**").hasAnyRole(ADMIN)
            .anyRequest().access(unlisted);
    }
}
