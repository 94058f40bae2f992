package org.gridgov.platform.security;

import java.util.Set;

import org.gridgov.shared.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call which API operation, by role — in one table. What they then see is narrowed by their data scope in
 * the services. Anything not listed here is denied, so a new endpoint is unreachable until someone decides who may
 * use it (and the authorization matrix test fails until the decision is recorded there too).
 */
final class ApiAuthorization {

    private static final String[] ADMIN = Role.names(Set.of(Role.SYSTEM_ADMIN));
    private static final String[] MERCHANT = Role.names(Set.of(Role.MERCHANT));
    private static final String[] DEPARTMENT = Role.names(Set.of(Role.DEPARTMENT_STAFF));
    private static final String[] RESIDENT = Role.names(Set.of(Role.RESIDENT));
    /** welfare-pool vouchers: the community's staff and the partners who honour them */
    private static final String[] VOUCHER_CHECKERS = Role.names(Set.of(Role.SYSTEM_ADMIN, Role.DISTRICT_OFFICER,
            Role.STREET_OFFICER, Role.COMMUNITY_WORKER, Role.MERCHANT));
    private static final String[] SENSOR_FEEDS = Role.names(Set.of(Role.INTEGRATOR, Role.SYSTEM_ADMIN));
    private static final String[] MANAGERS = Role.names(Role.MANAGERS);
    private static final String[] GRID_READERS = Role.names(Role.GRID_READERS);
    private static final String[] INCIDENT_STAFF = Role.names(Role.GRID_STAFF);
    private static final String[] STREET_LEVEL = Role.names(Role.STREET_LEVEL);
    private static final String[] REPORTERS = Role.names(Role.REPORTERS);
    private static final String[] INCIDENT_READERS = Role.names(Role.INCIDENT_READERS);
    private static final String[] POINT_HOLDERS = Role.names(Role.POINT_HOLDERS);
    /** people-and-housing data: grid staff only (personal data: never departments or integrators) */
    private static final String[] RESIDENT_STAFF = Role.names(Role.GRID_STAFF);
    /** participation: people with an account of their own book, sign up and answer (never merchants or clients) */
    private static final String[] PARTICIPANTS = Role.names(Role.POINT_HOLDERS);
    /** supervise and extend incidents: managers above the holder, and the hotline client that sent it */
    private static final String[] SUPERVISORS = Role.names(java.util.EnumSet.of(Role.SYSTEM_ADMIN,
            Role.DISTRICT_OFFICER, Role.STREET_OFFICER, Role.COMMUNITY_WORKER, Role.INTEGRATOR));
    private static final String[] WEBHOOK_OWNERS = Role.names(Set.of(Role.SYSTEM_ADMIN, Role.INTEGRATOR));

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
                    "/api/v1/admissions", "/api/v1/grid-imports", "/api/v1/grid-imports/**", "/api/v1/staff-imports",
                    "/api/v1/staff-imports/**")
            .hasAnyRole(MANAGERS)
            // incidents
            .requestMatchers(HttpMethod.GET, "/api/v1/incidents/figures", "/api/v1/incidents/figures/breakdown")
            .hasAnyRole(GRID_READERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/incident-categories", "/api/v1/work-calendar").authenticated()
            .requestMatchers("/api/v1/incident-categories/**", "/api/v1/work-calendar/**").hasAnyRole(ADMIN)
            // the resident an incident refers to: residents' data, grid staff only (never departments or integrators)
            .requestMatchers(HttpMethod.GET, "/api/v1/incidents/*/resident").hasAnyRole(RESIDENT_STAFF)
            .requestMatchers(HttpMethod.GET, "/api/v1/incidents", "/api/v1/incidents/**").hasAnyRole(INCIDENT_READERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents", "/api/v1/incidents/*/rating",
                    "/api/v1/incidents/*/satisfaction", "/api/v1/incidents/*/reply",
                    "/api/v1/incidents/*/contact/reveal")
            .hasAnyRole(REPORTERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/photos").hasAnyRole(INCIDENT_READERS)
            // 督办 and 延期: a level above, or the hotline that sent the incident (the service checks it is theirs)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/supervise", "/api/v1/incidents/*/extend")
            .hasAnyRole(SUPERVISORS)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/reassign")
            .hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/urge").hasAnyRole(REPORTERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/whistle")
            .hasAnyRole(STREET_LEVEL)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/check-in", "/api/v1/incidents/*/department-report")
            .hasAnyRole(DEPARTMENT)
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/accept", "/api/v1/incidents/*/start",
                    "/api/v1/incidents/*/progress", "/api/v1/incidents/*/escalate", "/api/v1/incidents/*/resolve",
                    "/api/v1/incidents/*/reject", "/api/v1/incidents/*/merge", "/api/v1/incidents/*/ask-reporter",
                    "/api/v1/incidents/*/resume", "/api/v1/incidents/*/classify")
            .hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.POST, "/api/v1/sensor-alarms").hasAnyRole(SENSOR_FEEDS)
            .requestMatchers("/api/v1/sensor-devices", "/api/v1/sensor-devices/**").hasAnyRole(ADMIN)
            // integration
            .requestMatchers("/api/v1/webhook-subscriptions", "/api/v1/webhook-subscriptions/**",
                    "/api/v1/webhook-deliveries/**")
            .hasAnyRole(WEBHOOK_OWNERS)
            // points
            .requestMatchers(HttpMethod.GET, "/api/v1/points/service-types", "/api/v1/points/items",
                    "/api/v1/points/partners")
            .authenticated()
            .requestMatchers(HttpMethod.PUT, "/api/v1/points/service-types/*").hasAnyRole(ADMIN)
            .requestMatchers(HttpMethod.GET, "/api/v1/points/rankings", "/api/v1/points/rankings/satisfaction")
                .hasAnyRole(GRID_READERS)
            .requestMatchers("/api/v1/points/redemptions/verify", "/api/v1/points/grant-vouchers/redeem")
            .hasAnyRole(MERCHANT)
            .requestMatchers(HttpMethod.POST, "/api/v1/points/grant-vouchers/check").hasAnyRole(VOUCHER_CHECKERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/points/me/grant-vouchers/claim").hasAnyRole(RESIDENT)
            .requestMatchers(HttpMethod.GET, "/api/v1/points/redemptions").hasAnyRole(MERCHANT)
            .requestMatchers(HttpMethod.POST, "/api/v1/points/service-records/*/approve",
                    "/api/v1/points/service-records/*/reject", "/api/v1/points/items", "/api/v1/points/partners",
                    "/api/v1/points/pools/*/grants", "/api/v1/points/grants/*/approve", "/api/v1/points/grants/*/reject")
            .hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/points/pools/*/grants", "/api/v1/points/accounts/*/entries",
                    "/api/v1/points/people/*/entries")
            .hasAnyRole(MANAGERS)
            .requestMatchers("/api/v1/points/me", "/api/v1/points/me/**", "/api/v1/points/service-records",
                    "/api/v1/points/service-records/*", "/api/v1/points/items/*/redeem",
                    "/api/v1/points/redemptions/*/cancel")
            .hasAnyRole(POINT_HOLDERS)
            // participation
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/spaces").hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.PUT, "/api/v1/participation/spaces/*").hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/spaces", "/api/v1/participation/spaces/*",
                    "/api/v1/participation/spaces/*/availability")
            .authenticated()
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/bookings").hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/bookings/*/approve",
                    "/api/v1/participation/bookings/*/reject", "/api/v1/participation/bookings/*/attendance")
            .hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/bookings",
                    "/api/v1/participation/bookings/*/cancel")
            .hasAnyRole(PARTICIPANTS)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/bookings/mine", "/api/v1/participation/bookings/*")
            .hasAnyRole(PARTICIPANTS)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/activities",
                    "/api/v1/participation/activities/*/volunteer-hours", "/api/v1/participation/activities/*/report")
            .hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/activities/mine").hasAnyRole(PARTICIPANTS)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/activities/*/signups").hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/activities/*/check-in-codes")
            .hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/activities", "/api/v1/participation/activities/*")
            .authenticated()
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/activities/*/signups",
                    "/api/v1/participation/activities/*/signups/cancel", "/api/v1/participation/activities/*/check-in")
            .hasAnyRole(PARTICIPANTS)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/questionnaires",
                    "/api/v1/participation/questionnaires/*/close")
            .hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/questionnaires/*/results",
                    "/api/v1/participation/questionnaires/*/results/export")
            .hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/questionnaires",
                    "/api/v1/participation/questionnaires/*")
            .authenticated()
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/questionnaires/*/responses")
            .hasAnyRole(PARTICIPANTS)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/topics/*/decision",
                    "/api/v1/participation/topics/*/follow-up")
            .hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/agenda").hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/topics", "/api/v1/participation/topics/*/comments",
                    "/api/v1/participation/topics/*/supports")
            .hasAnyRole(PARTICIPANTS)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/topics", "/api/v1/participation/topics/*")
            .hasAnyRole(PARTICIPANTS)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/projects", "/api/v1/participation/projects/*/approve",
                    "/api/v1/participation/projects/*/reject", "/api/v1/participation/projects/*/start",
                    "/api/v1/participation/projects/*/complete")
            .hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/projects/*/milestones",
                    "/api/v1/participation/projects/*/milestones/*/photos")
            .hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/projects/*/ratings").hasAnyRole(PARTICIPANTS)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/projects", "/api/v1/participation/projects/*",
                    "/api/v1/participation/projects/*/photos/*")
            .hasAnyRole(PARTICIPANTS)
            // participation: the 15-minute life circle
            .requestMatchers(HttpMethod.POST, "/api/v1/participation/facilities",
                    "/api/v1/participation/facilities/import")
            .hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.PUT, "/api/v1/participation/facilities/*").hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.DELETE, "/api/v1/participation/facilities/*").hasAnyRole(MANAGERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/facilities", "/api/v1/participation/facilities/*",
                    "/api/v1/participation/life-circle/coverage", "/api/v1/participation/life-circle/coverage/export")
            .hasAnyRole(INCIDENT_STAFF)
            .requestMatchers(HttpMethod.GET, "/api/v1/participation/life-circle/nearest").hasAnyRole(PARTICIPANTS)
            // residents
            .requestMatchers(HttpMethod.PUT, "/api/v1/compounds/*/location", "/api/v1/compounds/*/buildings/*/location")
            .hasAnyRole(MANAGERS)
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
