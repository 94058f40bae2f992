package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridgov.shared.security.Role.COMMUNITY_WORKER;
import static org.gridgov.shared.security.Role.DEPARTMENT_STAFF;
import static org.gridgov.shared.security.Role.DISTRICT_OFFICER;
import static org.gridgov.shared.security.Role.GRID_WORKER;
import static org.gridgov.shared.security.Role.INTEGRATOR;
import static org.gridgov.shared.security.Role.MERCHANT;
import static org.gridgov.shared.security.Role.RESIDENT;
import static org.gridgov.shared.security.Role.STREET_OFFICER;
import static org.gridgov.shared.security.Role.SYSTEM_ADMIN;

/**
 * Every API operation in the generated OpenAPI spec, for every role, in and out of the caller's scope, against one
 * declarative table. An operation missing from the table fails the build: a new endpoint cannot ship without a
 * decision about who may call it.
 * <ul>
 * <li>a role not allowed → 403 (anonymous → 401)</li>
 * <li>an allowed role → anything but 401/403 (write probes send bodies that fail validation, so nothing changes)</li>
 * <li>a scoped read of something outside the caller's part of the tree → 404, never its data</li>
 * </ul>
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    static final Set<Role> MANAGERS = EnumSet.of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER);
    static final Set<Role> READERS = EnumSet.of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            GRID_WORKER, DEPARTMENT_STAFF, INTEGRATOR);
    static final Set<Role> ADMIN = EnumSet.of(SYSTEM_ADMIN);
    /** 督办 and 延期: managers above the holder, and the hotline client that sent the incident. */
    static final Set<Role> SUPERVISORS = EnumSet.of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            INTEGRATOR);
    static final Set<Role> INCIDENT_STAFF = EnumSet.of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            GRID_WORKER);
    static final Set<Role> REPORTERS = EnumSet.of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            GRID_WORKER, RESIDENT, INTEGRATOR);
    static final Set<Role> INCIDENT_READERS = EnumSet.complementOf(EnumSet.of(MERCHANT));
    // points
    static final Set<Role> POINT_HOLDERS = EnumSet.of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            GRID_WORKER, DEPARTMENT_STAFF, RESIDENT);
    /** residents: personal data, never departments or integrators. */
    static final Set<Role> RESIDENT_STAFF = EnumSet.of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            GRID_WORKER);
    /** welfare-pool vouchers are checked by the community's staff and by the partners who honour them. */
    static final Set<Role> VOUCHER_CHECKERS = EnumSet.of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER,
            COMMUNITY_WORKER, MERCHANT);
    /** Anyone, logged in or not. */
    static final Set<Role> PUBLIC = null;
    /** Roles whose scope is the whole tree in this fixture. */
    static final Set<Role> CITY_WIDE = EnumSet.of(SYSTEM_ADMIN);

    static final String PASSWORD = "matrix-password-1";

    @LocalServerPort
    int port;

    /** Fixture values substituted into the probes: in scope (under the community) and outside (another district). */
    final Map<String, String> in = new LinkedHashMap<>();
    final Map<String, String> out = new LinkedHashMap<>();
    final Map<Role, HttpTestClient> clients = new EnumMap<>(Role.class);

    /**
     * One probe per operation: who may call it, the path with placeholders, a body, and whether its target is
     * scoped (so a scoped caller must get 404 for the out-of-scope target).
     */
    record Probe(String operation, Set<Role> allowed, String path, String body, boolean scoped) {
    }

    static Probe probe(String operation, Set<Role> allowed, String path, String body, boolean scoped) {
        return new Probe(operation, allowed, path, body, scoped);
    }

    static final List<Probe> TABLE = List.of(
            // grid tree
            probe("GET /api/v1/grids", READERS, "/api/v1/grids", null, false),
            probe("POST /api/v1/grids", MANAGERS, "/api/v1/grids", "{}", false),
            probe("GET /api/v1/grids/{id}", READERS, "/api/v1/grids/{grid}", null, true),
            probe("PATCH /api/v1/grids/{id}", MANAGERS, "/api/v1/grids/{grid}", "{}", false),
            probe("GET /api/v1/grids/by-code/{code}", READERS, "/api/v1/grids/by-code/{gridCode}", null, true),
            probe("POST /api/v1/grids/{id}/move", MANAGERS, "/api/v1/grids/{grid}/move", "{}", false),
            probe("POST /api/v1/grids/{id}/retire", MANAGERS, "/api/v1/grids/{grid}/retire", "{}", false),
            probe("GET /api/v1/grids/{id}/chain", READERS, "/api/v1/grids/{grid}/chain", null, true),
            probe("GET /api/v1/grids/{id}/boundary", READERS, "/api/v1/grids/{grid}/boundary", null, true),
            probe("PUT /api/v1/grids/{id}/boundary", MANAGERS, "/api/v1/grids/{grid}/boundary", "{}", false),
            probe("GET /api/v1/grids/{id}/boundaries", READERS, "/api/v1/grids/{grid}/boundaries", null, true),
            probe("GET /api/v1/grids/{id}/staff", READERS, "/api/v1/grids/{grid}/staff", null, true),
            probe("POST /api/v1/grids/{id}/staff", MANAGERS, "/api/v1/grids/{grid}/staff", "{}", false),
            probe("GET /api/v1/grids/{id}/figures", READERS, "/api/v1/grids/{grid}/figures", null, true),
            probe("GET /api/v1/grids/{id}/admissions", READERS, "/api/v1/grids/{grid}/admissions", null, true),
            probe("GET /api/v1/grids/{id}/export.geojson", READERS, "/api/v1/grids/{grid}/export.geojson", null, true),
            probe("GET /api/v1/grids/{id}/export.csv", READERS, "/api/v1/grids/{grid}/export.csv", null, true),
            probe("GET /api/v1/staff/{staffId}", READERS, "/api/v1/staff/{staff}", null, true),
            probe("POST /api/v1/staff/{staffId}/end", MANAGERS, "/api/v1/staff/{staff}/end",
                    "{\"lastDay\":\"1900-01-01\"}", false),
            probe("GET /api/v1/locate", READERS, "/api/v1/locate?lat=91&lng=0", null, false),
            probe("GET /api/v1/departments", READERS, "/api/v1/departments?nodeId={grid}", null, true),
            probe("POST /api/v1/departments", MANAGERS, "/api/v1/departments", "{}", false),
            probe("GET /api/v1/departments/{id}", READERS, "/api/v1/departments/{department}", null, true),
            probe("GET /api/v1/duties", READERS, "/api/v1/duties?gridType=MICRO_GRID", null, false),
            probe("GET /api/v1/admissions/check", READERS,
                    "/api/v1/admissions/check?nodeId={grid}&role=GENERAL_GRID_WORKER&workCode=X", null, true),
            probe("POST /api/v1/admissions", MANAGERS, "/api/v1/admissions", "{}", false),
            probe("POST /api/v1/grid-imports", MANAGERS, "/api/v1/grid-imports", "{}", false),
            probe("GET /api/v1/grid-imports", MANAGERS, "/api/v1/grid-imports", null, false),
            probe("GET /api/v1/grid-imports/{id}", MANAGERS, "/api/v1/grid-imports/999999999", null, false),
            probe("GET /api/v1/grid-imports/template", MANAGERS, "/api/v1/grid-imports/template", null, false),
            probe("POST /api/v1/staff-imports", MANAGERS, "/api/v1/staff-imports", "{}", false),
            probe("GET /api/v1/staff-imports", MANAGERS, "/api/v1/staff-imports", null, false),
            probe("GET /api/v1/staff-imports/{id}", MANAGERS, "/api/v1/staff-imports/999999999", null, false),
            probe("GET /api/v1/staff-imports/template", MANAGERS, "/api/v1/staff-imports/template", null, false),
            // incidents: who may call; what each sees of an incident is IncidentIT's subject
            probe("POST /api/v1/incidents", REPORTERS, "/api/v1/incidents", "{}", false),
            probe("GET /api/v1/incidents", INCIDENT_READERS, "/api/v1/incidents", null, false),
            probe("GET /api/v1/incidents/{id}", INCIDENT_READERS, "/api/v1/incidents/999999999", null, false),
            probe("GET /api/v1/incidents/by-tracking-code/{code}", INCIDENT_READERS,
                    "/api/v1/incidents/by-tracking-code/SS000000-NONE", null, false),
            probe("GET /api/v1/incidents/{id}/resident", RESIDENT_STAFF, "/api/v1/incidents/999999999/resident",
                    null, false),
            probe("GET /api/v1/incidents/{id}/timeline", INCIDENT_READERS, "/api/v1/incidents/999999999/timeline", null,
                    false),
            probe("POST /api/v1/incidents/{id}/accept", INCIDENT_STAFF, "/api/v1/incidents/999999999/accept", "{}", false),
            probe("POST /api/v1/incidents/{id}/start", INCIDENT_STAFF, "/api/v1/incidents/999999999/start", "{}", false),
            probe("POST /api/v1/incidents/{id}/progress", INCIDENT_STAFF, "/api/v1/incidents/999999999/progress", "{}",
                    false),
            probe("POST /api/v1/incidents/{id}/escalate", INCIDENT_STAFF, "/api/v1/incidents/999999999/escalate", "{}",
                    false),
            probe("POST /api/v1/incidents/{id}/resolve", INCIDENT_STAFF, "/api/v1/incidents/999999999/resolve", "{}",
                    false),
            probe("POST /api/v1/incidents/{id}/reject", INCIDENT_STAFF, "/api/v1/incidents/999999999/reject", "{}", false),
            probe("POST /api/v1/incidents/{id}/ask-reporter", INCIDENT_STAFF,
                    "/api/v1/incidents/999999999/ask-reporter", "{}", false),
            probe("POST /api/v1/incidents/{id}/resume", INCIDENT_STAFF, "/api/v1/incidents/999999999/resume", "{}",
                    false),
            probe("POST /api/v1/incidents/{id}/reply", REPORTERS, "/api/v1/incidents/999999999/reply", "{}", false),
            probe("POST /api/v1/incidents/{id}/merge", INCIDENT_STAFF, "/api/v1/incidents/999999999/merge", "{}", false),
            probe("POST /api/v1/incidents/{id}/whistle", EnumSet.of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER),
                    "/api/v1/incidents/999999999/whistle", "{}", false),
            probe("POST /api/v1/incidents/{id}/check-in", EnumSet.of(DEPARTMENT_STAFF),
                    "/api/v1/incidents/999999999/check-in", "{}", false),
            probe("POST /api/v1/incidents/{id}/department-report", EnumSet.of(DEPARTMENT_STAFF),
                    "/api/v1/incidents/999999999/department-report", "{}", false),
            probe("POST /api/v1/incidents/{id}/supervise", SUPERVISORS, "/api/v1/incidents/999999999/supervise", "{}",
                    false),
            probe("POST /api/v1/incidents/{id}/urge", REPORTERS, "/api/v1/incidents/999999999/urge", "{}", false),
            probe("POST /api/v1/incidents/{id}/reassign", MANAGERS, "/api/v1/incidents/999999999/reassign", "{}",
                    false),
            probe("POST /api/v1/incidents/{id}/rating", REPORTERS, "/api/v1/incidents/999999999/rating", "{}", false),
            // hotline intake: 延期 like 督办; the three-level satisfaction like a rating; the contact's reveal by its
            // holders (the reporter that sent it, staff in scope — decided per incident by the service)
            probe("POST /api/v1/incidents/{id}/extend", SUPERVISORS, "/api/v1/incidents/999999999/extend", "{}", false),
            probe("POST /api/v1/incidents/{id}/classify", INCIDENT_STAFF, "/api/v1/incidents/999999999/classify",
                    "{}", false),
            probe("POST /api/v1/incidents/{id}/satisfaction", REPORTERS, "/api/v1/incidents/999999999/satisfaction",
                    "{}", false),
            probe("POST /api/v1/incidents/{id}/contact/reveal", REPORTERS,
                    "/api/v1/incidents/999999999/contact/reveal", "{}", false),
            probe("POST /api/v1/incidents/{id}/photos", INCIDENT_READERS, "/api/v1/incidents/999999999/photos", "{}",
                    false),
            probe("GET /api/v1/incidents/{id}/photos", INCIDENT_READERS, "/api/v1/incidents/999999999/photos", null,
                    false),
            probe("GET /api/v1/incidents/{id}/photos/{photoId}", INCIDENT_READERS,
                    "/api/v1/incidents/999999999/photos/1", null, false),
            probe("POST /api/v1/sensor-alarms", EnumSet.of(SYSTEM_ADMIN, INTEGRATOR), "/api/v1/sensor-alarms", "{}", false),
            probe("GET /api/v1/sensor-devices", ADMIN, "/api/v1/sensor-devices", null, false),
            probe("PUT /api/v1/sensor-devices/{deviceId}", ADMIN, "/api/v1/sensor-devices/probe-1", "{}", false),
            probe("GET /api/v1/incidents/figures/breakdown", READERS,
                    "/api/v1/incidents/figures/breakdown?nodeId={grid}", null, true),
            probe("GET /api/v1/incidents/figures", READERS, "/api/v1/incidents/figures?nodeId={grid}", null, true),
            probe("GET /api/v1/incident-categories", ALL, "/api/v1/incident-categories", null, false),
            probe("PUT /api/v1/incident-categories/{code}", ADMIN, "/api/v1/incident-categories/TEST", "{}", false),
            probe("GET /api/v1/incident-categories/mappings", ADMIN, "/api/v1/incident-categories/mappings", null,
                    false),
            probe("PUT /api/v1/incident-categories/mappings/{source}/{externalCode}", ADMIN,
                    "/api/v1/incident-categories/mappings/HOTLINE_MATRIX/0301", "{}", false),
            probe("DELETE /api/v1/incident-categories/mappings/{source}/{externalCode}", ADMIN,
                    "/api/v1/incident-categories/mappings/HOTLINE_MATRIX/NONE", null, false),
            probe("GET /api/v1/incident-categories/deadline-rules", ADMIN, "/api/v1/incident-categories/deadline-rules",
                    null, false),
            probe("PUT /api/v1/incident-categories/{code}/deadline-rules/{deadline}", ADMIN,
                    "/api/v1/incident-categories/NO_SUCH/deadline-rules/RESOLUTION", "{}", false),
            probe("DELETE /api/v1/incident-categories/{code}/deadline-rules/{deadline}", ADMIN,
                    "/api/v1/incident-categories/NO_SUCH/deadline-rules/RESOLUTION", null, false),
            probe("GET /api/v1/work-calendar", ALL, "/api/v1/work-calendar?year=2026", null, false),
            probe("PUT /api/v1/work-calendar/{day}", ADMIN, "/api/v1/work-calendar/2026-12-31", "{}", false),
            probe("DELETE /api/v1/work-calendar/{day}", ADMIN, "/api/v1/work-calendar/1999-12-31", null, false),
            // integration
            probe("POST /api/v1/webhook-subscriptions", EnumSet.of(SYSTEM_ADMIN, INTEGRATOR),
                    "/api/v1/webhook-subscriptions", "{}", false),
            probe("GET /api/v1/webhook-subscriptions", EnumSet.of(SYSTEM_ADMIN, INTEGRATOR),
                    "/api/v1/webhook-subscriptions", null, false),
            probe("GET /api/v1/webhook-subscriptions/{id}", EnumSet.of(SYSTEM_ADMIN, INTEGRATOR),
                    "/api/v1/webhook-subscriptions/999999999", null, false),
            probe("DELETE /api/v1/webhook-subscriptions/{id}", EnumSet.of(SYSTEM_ADMIN, INTEGRATOR),
                    "/api/v1/webhook-subscriptions/999999999", null, false),
            probe("POST /api/v1/webhook-subscriptions/{id}/resume", EnumSet.of(SYSTEM_ADMIN, INTEGRATOR),
                    "/api/v1/webhook-subscriptions/999999999/resume", "{}", false),
            probe("GET /api/v1/webhook-subscriptions/{id}/deliveries", EnumSet.of(SYSTEM_ADMIN, INTEGRATOR),
                    "/api/v1/webhook-subscriptions/999999999/deliveries", null, false),
            probe("POST /api/v1/webhook-deliveries/{id}/resend", EnumSet.of(SYSTEM_ADMIN, INTEGRATOR),
                    "/api/v1/webhook-deliveries/999999999/resend", "{}", false),
            // participation
            // the 15-minute life circle: managers keep the facilities, grid staff read them and the coverage,
            // everyone who takes part asks for the nearest
            probe("POST /api/v1/participation/facilities", MANAGERS, "/api/v1/participation/facilities", "{}", false),
            probe("POST /api/v1/participation/facilities/import", MANAGERS,
                    "/api/v1/participation/facilities/import", "{}", false),
            probe("PUT /api/v1/participation/facilities/{id}", MANAGERS, "/api/v1/participation/facilities/999999999",
                    "{}", false),
            probe("DELETE /api/v1/participation/facilities/{id}", MANAGERS,
                    "/api/v1/participation/facilities/999999999", null, false),
            probe("GET /api/v1/participation/facilities", INCIDENT_STAFF, "/api/v1/participation/facilities", null,
                    false),
            probe("GET /api/v1/participation/facilities/{id}", INCIDENT_STAFF,
                    "/api/v1/participation/facilities/999999999", null, false),
            probe("GET /api/v1/participation/facilities/template", INCIDENT_STAFF,
                    "/api/v1/participation/facilities/template", null, false),
            probe("GET /api/v1/participation/life-circle/coverage", INCIDENT_STAFF,
                    "/api/v1/participation/life-circle/coverage", null, false),
            probe("GET /api/v1/participation/life-circle/coverage/export", INCIDENT_STAFF,
                    "/api/v1/participation/life-circle/coverage/export", null, false),
            probe("GET /api/v1/participation/life-circle/nearest", POINT_HOLDERS,
                    "/api/v1/participation/life-circle/nearest", null, false),
            probe("PUT /api/v1/compounds/{id}/location", MANAGERS, "/api/v1/compounds/999999999/location", "{}",
                    false),
            probe("PUT /api/v1/compounds/{id}/buildings/{buildingId}/location", MANAGERS,
                    "/api/v1/compounds/999999999/buildings/999999999/location", "{}", false),
            probe("POST /api/v1/participation/spaces", MANAGERS, "/api/v1/participation/spaces", "{}", false),
            probe("PUT /api/v1/participation/spaces/{id}", MANAGERS, "/api/v1/participation/spaces/999999999", "{}",
                    false),
            probe("GET /api/v1/participation/spaces", ALL, "/api/v1/participation/spaces", null, false),
            probe("GET /api/v1/participation/spaces/{id}", ALL, "/api/v1/participation/spaces/999999999", null,
                    false),
            probe("GET /api/v1/participation/spaces/{id}/availability", ALL,
                    "/api/v1/participation/spaces/999999999/availability?date=2026-12-12", null, false),
            probe("POST /api/v1/participation/bookings", POINT_HOLDERS, "/api/v1/participation/bookings", "{}",
                    false),
            probe("GET /api/v1/participation/bookings", INCIDENT_STAFF, "/api/v1/participation/bookings", null,
                    false),
            probe("GET /api/v1/participation/bookings/mine", POINT_HOLDERS, "/api/v1/participation/bookings/mine",
                    null, false),
            probe("GET /api/v1/participation/bookings/{id}", POINT_HOLDERS,
                    "/api/v1/participation/bookings/999999999", null, false),
            probe("POST /api/v1/participation/bookings/{id}/approve", INCIDENT_STAFF,
                    "/api/v1/participation/bookings/999999999/approve", "{}", false),
            probe("POST /api/v1/participation/bookings/{id}/reject", INCIDENT_STAFF,
                    "/api/v1/participation/bookings/999999999/reject", "{}", false),
            probe("POST /api/v1/participation/bookings/{id}/attendance", INCIDENT_STAFF,
                    "/api/v1/participation/bookings/999999999/attendance", "{}", false),
            probe("POST /api/v1/participation/bookings/{id}/cancel", POINT_HOLDERS,
                    "/api/v1/participation/bookings/999999999/cancel", "{}", false),
            probe("POST /api/v1/participation/activities", MANAGERS, "/api/v1/participation/activities", "{}",
                    false),
            probe("GET /api/v1/participation/activities", ALL, "/api/v1/participation/activities", null, false),
            probe("GET /api/v1/participation/activities/mine", POINT_HOLDERS,
                    "/api/v1/participation/activities/mine", null, false),
            probe("GET /api/v1/participation/activities/{id}", ALL, "/api/v1/participation/activities/999999999",
                    null, false),
            probe("POST /api/v1/participation/activities/{id}/signups", POINT_HOLDERS,
                    "/api/v1/participation/activities/999999999/signups", "{}", false),
            probe("POST /api/v1/participation/activities/{id}/signups/cancel", POINT_HOLDERS,
                    "/api/v1/participation/activities/999999999/signups/cancel", "{}", false),
            probe("GET /api/v1/participation/activities/{id}/signups", INCIDENT_STAFF,
                    "/api/v1/participation/activities/999999999/signups", null, false),
            probe("POST /api/v1/participation/activities/{id}/check-in-codes", INCIDENT_STAFF,
                    "/api/v1/participation/activities/999999999/check-in-codes", "{}", false),
            probe("POST /api/v1/participation/activities/{id}/check-in", POINT_HOLDERS,
                    "/api/v1/participation/activities/999999999/check-in", "{}", false),
            probe("POST /api/v1/participation/activities/{id}/volunteer-hours", MANAGERS,
                    "/api/v1/participation/activities/999999999/volunteer-hours", "{}", false),
            probe("POST /api/v1/participation/activities/{id}/report", MANAGERS,
                    "/api/v1/participation/activities/999999999/report", "{}", false),
            probe("POST /api/v1/participation/questionnaires", MANAGERS, "/api/v1/participation/questionnaires", "{}",
                    false),
            probe("GET /api/v1/participation/questionnaires", ALL, "/api/v1/participation/questionnaires", null,
                    false),
            probe("GET /api/v1/participation/questionnaires/{id}", ALL,
                    "/api/v1/participation/questionnaires/999999999", null, false),
            probe("POST /api/v1/participation/questionnaires/{id}/responses", POINT_HOLDERS,
                    "/api/v1/participation/questionnaires/999999999/responses", "{}", false),
            probe("POST /api/v1/participation/questionnaires/{id}/close", MANAGERS,
                    "/api/v1/participation/questionnaires/999999999/close", "{}", false),
            probe("GET /api/v1/participation/questionnaires/{id}/results", INCIDENT_STAFF,
                    "/api/v1/participation/questionnaires/999999999/results", null, false),
            probe("GET /api/v1/participation/questionnaires/{id}/results/export", INCIDENT_STAFF,
                    "/api/v1/participation/questionnaires/999999999/results/export", null, false),
            probe("GET /api/v1/public/participation/questionnaires/{token}", PUBLIC,
                    "/api/v1/public/participation/questionnaires/nope", null, false),
            probe("POST /api/v1/public/participation/questionnaires/{token}/responses", PUBLIC,
                    "/api/v1/public/participation/questionnaires/nope/responses", "{}", false),
            probe("POST /api/v1/participation/topics", POINT_HOLDERS, "/api/v1/participation/topics", "{}", false),
            probe("GET /api/v1/participation/topics", POINT_HOLDERS, "/api/v1/participation/topics", null, false),
            probe("GET /api/v1/participation/topics/{id}", POINT_HOLDERS, "/api/v1/participation/topics/999999999",
                    null, false),
            probe("POST /api/v1/participation/topics/{id}/comments", POINT_HOLDERS,
                    "/api/v1/participation/topics/999999999/comments", "{}", false),
            probe("POST /api/v1/participation/topics/{id}/supports", POINT_HOLDERS,
                    "/api/v1/participation/topics/999999999/supports", "{}", false),
            probe("POST /api/v1/participation/topics/{id}/decision", MANAGERS,
                    "/api/v1/participation/topics/999999999/decision", "{}", false),
            probe("POST /api/v1/participation/topics/{id}/follow-up", MANAGERS,
                    "/api/v1/participation/topics/999999999/follow-up", "{}", false),
            probe("GET /api/v1/participation/agenda", INCIDENT_STAFF,
                    "/api/v1/participation/agenda?communityId={grid}", null, false),
            probe("POST /api/v1/participation/projects", MANAGERS, "/api/v1/participation/projects", "{}", false),
            probe("GET /api/v1/participation/projects", POINT_HOLDERS, "/api/v1/participation/projects", null, false),
            probe("GET /api/v1/participation/projects/{id}", POINT_HOLDERS,
                    "/api/v1/participation/projects/999999999", null, false),
            probe("POST /api/v1/participation/projects/{id}/approve", MANAGERS,
                    "/api/v1/participation/projects/999999999/approve", "{}", false),
            probe("POST /api/v1/participation/projects/{id}/reject", MANAGERS,
                    "/api/v1/participation/projects/999999999/reject", "{}", false),
            probe("POST /api/v1/participation/projects/{id}/start", MANAGERS,
                    "/api/v1/participation/projects/999999999/start", "{}", false),
            probe("POST /api/v1/participation/projects/{id}/complete", MANAGERS,
                    "/api/v1/participation/projects/999999999/complete", "{}", false),
            probe("POST /api/v1/participation/projects/{id}/milestones", INCIDENT_STAFF,
                    "/api/v1/participation/projects/999999999/milestones", "{}", false),
            probe("POST /api/v1/participation/projects/{id}/milestones/{milestoneId}/photos", INCIDENT_STAFF,
                    "/api/v1/participation/projects/999999999/milestones/999999999/photos", "{}", false),
            probe("GET /api/v1/participation/projects/{id}/photos/{photoId}", POINT_HOLDERS,
                    "/api/v1/participation/projects/999999999/photos/999999999", null, false),
            probe("POST /api/v1/participation/projects/{id}/ratings", POINT_HOLDERS,
                    "/api/v1/participation/projects/999999999/ratings", "{}", false),
            probe("GET /api/v1/public/participation/projects", PUBLIC,
                    "/api/v1/public/participation/projects?streetId=999999999", null, false),
            // points
            probe("GET /api/v1/points/me", POINT_HOLDERS, "/api/v1/points/me", null, false),
            probe("GET /api/v1/points/me/entries", POINT_HOLDERS, "/api/v1/points/me/entries", null, false),
            probe("GET /api/v1/points/me/redemptions", POINT_HOLDERS, "/api/v1/points/me/redemptions", null, false),
            probe("POST /api/v1/points/me/donations", POINT_HOLDERS, "/api/v1/points/me/donations", "{}", false),
            probe("GET /api/v1/points/service-types", ALL, "/api/v1/points/service-types", null, false),
            probe("PUT /api/v1/points/service-types/{code}", ADMIN, "/api/v1/points/service-types/TEST", "{}", false),
            probe("POST /api/v1/points/service-records", POINT_HOLDERS, "/api/v1/points/service-records", "{}", false),
            probe("GET /api/v1/points/service-records", POINT_HOLDERS, "/api/v1/points/service-records", null, false),
            probe("GET /api/v1/points/service-records/{id}", POINT_HOLDERS,
                    "/api/v1/points/service-records/999999999", null, false),
            probe("POST /api/v1/points/service-records/{id}/approve", MANAGERS,
                    "/api/v1/points/service-records/999999999/approve", "{}", false),
            probe("POST /api/v1/points/service-records/{id}/reject", MANAGERS,
                    "/api/v1/points/service-records/999999999/reject", "{}", false),
            probe("GET /api/v1/points/items", ALL, "/api/v1/points/items", null, false),
            probe("POST /api/v1/points/items", MANAGERS, "/api/v1/points/items", "{}", false),
            probe("POST /api/v1/points/items/{id}/redeem", POINT_HOLDERS, "/api/v1/points/items/999999999/redeem",
                    "{}", false),
            probe("POST /api/v1/points/redemptions/{id}/cancel", POINT_HOLDERS,
                    "/api/v1/points/redemptions/999999999/cancel", "{}", false),
            probe("POST /api/v1/points/redemptions/verify", EnumSet.of(MERCHANT), "/api/v1/points/redemptions/verify",
                    "{}", false),
            probe("GET /api/v1/points/redemptions", EnumSet.of(MERCHANT), "/api/v1/points/redemptions", null, false),
            probe("GET /api/v1/points/partners", ALL, "/api/v1/points/partners", null, false),
            probe("POST /api/v1/points/partners", MANAGERS, "/api/v1/points/partners", "{}", false),
            probe("GET /api/v1/points/pools/{communityId}/grants", MANAGERS, "/api/v1/points/pools/999999999/grants",
                    null, false),
            probe("POST /api/v1/points/pools/{communityId}/grants", MANAGERS, "/api/v1/points/pools/999999999/grants",
                    "{}", false),
            probe("POST /api/v1/points/grants/{id}/approve", MANAGERS, "/api/v1/points/grants/999999999/approve", "{}",
                    false),
            probe("POST /api/v1/points/grants/{id}/reject", MANAGERS, "/api/v1/points/grants/999999999/reject", "{}",
                    false),
            probe("GET /api/v1/points/people/{accountId}/entries", MANAGERS,
                    "/api/v1/points/people/999999999/entries", null, false),
            probe("POST /api/v1/points/grant-vouchers/check", VOUCHER_CHECKERS, "/api/v1/points/grant-vouchers/check",
                    "{}", false),
            probe("POST /api/v1/points/grant-vouchers/redeem", EnumSet.of(MERCHANT),
                    "/api/v1/points/grant-vouchers/redeem", "{}", false),
            probe("POST /api/v1/points/me/grant-vouchers/claim", EnumSet.of(RESIDENT),
                    "/api/v1/points/me/grant-vouchers/claim", "{}", false),
            probe("GET /api/v1/points/accounts/{id}/entries", MANAGERS, "/api/v1/points/accounts/999999999/entries",
                    null, false),
            probe("GET /api/v1/points/rankings", READERS, "/api/v1/points/rankings?nodeId={grid}", null, true),
            probe("GET /api/v1/points/rankings/satisfaction", READERS,
                    "/api/v1/points/rankings/satisfaction?nodeId={grid}", null, true),
            probe("GET /api/v1/public/points/pools/{communityId}", PUBLIC, "/api/v1/public/points/pools/999999999",
                    null, false),
            // residents: who may call; what each sees (scope, masking, reveal) is ResidentIT's subject
            probe("POST /api/v1/compounds", MANAGERS, "/api/v1/compounds", "{}", false),
            probe("GET /api/v1/compounds", RESIDENT_STAFF, "/api/v1/compounds", null, false),
            probe("GET /api/v1/compounds/{id}", RESIDENT_STAFF, "/api/v1/compounds/999999999", null, false),
            probe("POST /api/v1/compounds/{id}/buildings", MANAGERS, "/api/v1/compounds/999999999/buildings", "{}",
                    false),
            probe("POST /api/v1/buildings/{id}/dwellings", MANAGERS, "/api/v1/buildings/999999999/dwellings", "{}",
                    false),
            probe("GET /api/v1/dwellings", RESIDENT_STAFF, "/api/v1/dwellings", null, false),
            probe("GET /api/v1/dwellings/{id}", RESIDENT_STAFF, "/api/v1/dwellings/999999999", null, false),
            probe("GET /api/v1/dwellings/{id}/residents", RESIDENT_STAFF, "/api/v1/dwellings/999999999/residents", null,
                    false),
            probe("POST /api/v1/dwellings/{id}/verification", RESIDENT_STAFF,
                    "/api/v1/dwellings/999999999/verification", "{}", false),
            probe("POST /api/v1/places", RESIDENT_STAFF, "/api/v1/places", "{}", false),
            probe("GET /api/v1/places", RESIDENT_STAFF, "/api/v1/places", null, false),
            probe("POST /api/v1/residents", RESIDENT_STAFF, "/api/v1/residents", "{}", false),
            probe("GET /api/v1/residents", RESIDENT_STAFF, "/api/v1/residents", null, false),
            probe("GET /api/v1/residents/{id}", RESIDENT_STAFF, "/api/v1/residents/999999999", null, false),
            probe("POST /api/v1/residents/{id}/residences", RESIDENT_STAFF, "/api/v1/residents/999999999/residences",
                    "{}", false),
            probe("PUT /api/v1/residents/{id}/tags", RESIDENT_STAFF, "/api/v1/residents/999999999/tags", "{}", false),
            probe("PUT /api/v1/residents/{id}/care-level", RESIDENT_STAFF, "/api/v1/residents/999999999/care-level",
                    "{}", false),
            probe("POST /api/v1/residents/{id}/reveal", RESIDENT_STAFF, "/api/v1/residents/999999999/reveal", "{}",
                    false),
            probe("GET /api/v1/resident-tags", RESIDENT_STAFF, "/api/v1/resident-tags", null, false),
            probe("PUT /api/v1/resident-tags", MANAGERS, "/api/v1/resident-tags", "{}", false),
            probe("POST /api/v1/resident-imports", MANAGERS, "/api/v1/resident-imports", "{}", false),
            probe("GET /api/v1/resident-imports", RESIDENT_STAFF, "/api/v1/resident-imports", null, false),
            probe("GET /api/v1/resident-imports/{id}", RESIDENT_STAFF, "/api/v1/resident-imports/999999999", null,
                    false),
            probe("GET /api/v1/resident-imports/{id}/errors.csv", RESIDENT_STAFF,
                    "/api/v1/resident-imports/999999999/errors.csv", null, false),
            probe("GET /api/v1/resident-imports/template", RESIDENT_STAFF, "/api/v1/resident-imports/template", null,
                    false),
            probe("GET /api/v1/residents/export", RESIDENT_STAFF, "/api/v1/residents/export?format=none", null, false),
            probe("GET /api/v1/dwellings/export", RESIDENT_STAFF, "/api/v1/dwellings/export?format=none", null, false),
            probe("POST /api/v1/residents/{id}/visits", RESIDENT_STAFF, "/api/v1/residents/999999999/visits", "{}",
                    false),
            probe("GET /api/v1/residents/{id}/visits", RESIDENT_STAFF, "/api/v1/residents/999999999/visits", null,
                    false),
            probe("POST /api/v1/visits/{id}/photos", RESIDENT_STAFF, "/api/v1/visits/999999999/photos", "{}", false),
            probe("GET /api/v1/visits/{id}/photos/{photoId}", RESIDENT_STAFF, "/api/v1/visits/999999999/photos/1", null,
                    false),
            probe("GET /api/v1/visits/overdue", RESIDENT_STAFF, "/api/v1/visits/overdue?nodeId={grid}", null, true),
            probe("GET /api/v1/visits/overdue/by-grid", RESIDENT_STAFF, "/api/v1/visits/overdue/by-grid?nodeId={grid}",
                    null, true),
            probe("GET /api/v1/checklists", RESIDENT_STAFF, "/api/v1/checklists", null, false),
            probe("PUT /api/v1/checklists/{code}", MANAGERS, "/api/v1/checklists/TEST", "{}", false),
            probe("POST /api/v1/inspection-campaigns", MANAGERS, "/api/v1/inspection-campaigns", "{}", false),
            probe("GET /api/v1/inspection-campaigns", RESIDENT_STAFF, "/api/v1/inspection-campaigns", null, false),
            probe("GET /api/v1/inspection-campaigns/{id}", RESIDENT_STAFF, "/api/v1/inspection-campaigns/999999999",
                    null, false),
            probe("POST /api/v1/inspection-campaigns/{id}/inspections", RESIDENT_STAFF,
                    "/api/v1/inspection-campaigns/999999999/inspections", "{}", false),
            probe("GET /api/v1/hazards", RESIDENT_STAFF, "/api/v1/hazards", null, false),
            probe("POST /api/v1/hazards/{id}/incident", RESIDENT_STAFF, "/api/v1/hazards/999999999/incident", "{}",
                    false),
            // public
            probe("GET /api/v1/public/grid-cards/{code}", PUBLIC, "/api/v1/public/grid-cards/{gridCode}", null, false),
            probe("GET /api/v1/public/grid-cards", PUBLIC, "/api/v1/public/grid-cards?lat=91&lng=0", null, false),
            probe("POST /api/v1/auth/token", PUBLIC, "/api/v1/auth/token", "{}", false),
            probe("POST /api/v1/auth/client-token", PUBLIC, "/api/v1/auth/client-token", "{}", false),
            probe("POST /api/v1/auth/refresh", PUBLIC, "/api/v1/auth/refresh", "{}", false),
            probe("POST /api/v1/auth/logout", PUBLIC, "/api/v1/auth/logout", "{}", false),
            probe("POST /api/v1/auth/register/code", PUBLIC, "/api/v1/auth/register/code", "{}", false),
            probe("POST /api/v1/auth/register", PUBLIC, "/api/v1/auth/register", "{}", false),
            // identity
            probe("GET /api/v1/me", ALL, "/api/v1/me", null, false),
            probe("POST /api/v1/me/password", ALL, "/api/v1/me/password", "{}", false),
            probe("GET /api/v1/me/notifications", ALL, "/api/v1/me/notifications", null, false),
            probe("POST /api/v1/me/notifications/{id}/read", ALL, "/api/v1/me/notifications/999999999/read", "{}",
                    false),
            probe("GET /api/v1/me/notifications/unread-count", ALL, "/api/v1/me/notifications/unread-count", null,
                    false),
            probe("POST /api/v1/me/notifications/read-all", ALL, "/api/v1/me/notifications/read-all", "{}", false),
            probe("GET /api/v1/me/notifications/preferences", ALL, "/api/v1/me/notifications/preferences", null,
                    false),
            probe("PUT /api/v1/me/notifications/preferences", ALL, "/api/v1/me/notifications/preferences", "{}",
                    false),
            // a stream never ends: asked for JSON, an allowed caller gets 406 at once, a refused one 401/403
            probe("GET /api/v1/me/notifications/stream", ALL, "/api/v1/me/notifications/stream", null, false),
            probe("GET /api/v1/accounts", MANAGERS, "/api/v1/accounts", null, false),
            probe("POST /api/v1/accounts", MANAGERS, "/api/v1/accounts", "{}", false),
            probe("GET /api/v1/accounts/{id}", MANAGERS, "/api/v1/accounts/{account}", null, true),
            probe("PUT /api/v1/accounts/{id}/role", MANAGERS, "/api/v1/accounts/{account}/role", "{}", false),
            probe("POST /api/v1/accounts/{id}/lock", MANAGERS, "/api/v1/accounts/999999999/lock", "{}", false),
            probe("POST /api/v1/accounts/{id}/unlock", MANAGERS, "/api/v1/accounts/{account}/unlock", "{}", false),
            probe("POST /api/v1/accounts/{id}/password", MANAGERS, "/api/v1/accounts/{account}/password", "{}", false),
            probe("GET /api/v1/audit-events", MANAGERS, "/api/v1/audit-events", null, false),
            probe("POST /api/v1/integrator-clients", ADMIN, "/api/v1/integrator-clients", "{}", false),
            probe("GET /api/v1/integrator-clients", ADMIN, "/api/v1/integrator-clients", null, false),
            probe("POST /api/v1/integrator-clients/{clientId}/open311-key", ADMIN,
                    "/api/v1/integrator-clients/gg_nobody/open311-key", "{}", false),
            probe("POST /api/v1/integrator-clients/{clientId}/disable", ADMIN,
                    "/api/v1/integrator-clients/gg_nobody/disable", "{}", false));

    @BeforeAll
    void fixture() {
        HttpTestClient admin = ApiLogin.admin(port);
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[40,40],[41,40],[41,41],[40,41],[40,40]]]}";
        JsonNode district = create(admin, "DISTRICT", null, null);
        JsonNode street = create(admin, "STREET", district, null);
        JsonNode community = create(admin, "COMMUNITY", street, null);
        JsonNode general = create(admin, "GENERAL_GRID", community, square);
        JsonNode otherDistrict = create(admin, "DISTRICT", null, null);
        JsonNode otherStreet = create(admin, "STREET", otherDistrict, null);
        JsonNode otherCommunity = create(admin, "COMMUNITY", otherStreet, null);
        JsonNode otherGeneral = create(admin, "GENERAL_GRID", otherCommunity, square.replace("40", "50").replace("41", "51"));

        in.put("grid", general.path("id").asString());
        in.put("gridCode", general.path("code").asString());
        out.put("grid", otherGeneral.path("id").asString());
        out.put("gridCode", otherGeneral.path("code").asString());
        in.put("staff", admin.post("/api/v1/grids/" + general.path("id").asLong() + "/staff",
                "{\"personName\":\"在内\",\"role\":\"GENERAL_GRID_WORKER\"}").json().path("id").asString());
        out.put("staff", admin.post("/api/v1/grids/" + otherGeneral.path("id").asLong() + "/staff",
                "{\"personName\":\"在外\",\"role\":\"GENERAL_GRID_WORKER\"}").json().path("id").asString());
        in.put("department", department(admin, street));
        out.put("department", department(admin, otherStreet));

        clients.put(SYSTEM_ADMIN, admin);
        clients.put(DISTRICT_OFFICER, login(admin, DISTRICT_OFFICER, ",\"scopeNodeId\":" + district.path("id").asLong()));
        clients.put(STREET_OFFICER, login(admin, STREET_OFFICER, ",\"scopeNodeId\":" + street.path("id").asLong()));
        clients.put(COMMUNITY_WORKER, login(admin, COMMUNITY_WORKER, ",\"scopeNodeId\":" + community.path("id").asLong()));
        clients.put(GRID_WORKER, login(admin, GRID_WORKER, ",\"scopeNodeId\":" + general.path("id").asLong()));
        clients.put(DEPARTMENT_STAFF, login(admin, DEPARTMENT_STAFF, ",\"departmentId\":" + in.get("department")));
        clients.put(MERCHANT, login(admin, MERCHANT, ",\"partnerId\":1"));
        clients.put(RESIDENT, login(admin, RESIDENT, ""));
        var client = admin.post("/api/v1/integrator-clients",
                "{\"name\":\"matrix\",\"scopeNodeId\":" + district.path("id").asLong() + "}").json();
        var token = HttpTestClient.at(port).post("/api/v1/auth/client-token", "{\"clientId\":\""
                + client.path("clientId").asString() + "\",\"clientSecret\":\"" + client.path("clientSecret").asString()
                + "\"}").json();
        clients.put(INTEGRATOR, HttpTestClient.at(port).bearer(token.path("accessToken").asString()));

        in.put("account", accountId(admin, "GRID_WORKER", general.path("id").asLong()));
        out.put("account", accountId(admin, "GRID_WORKER", otherGeneral.path("id").asLong()));
    }

    @Test
    void every_operation_in_the_spec_has_a_decision_in_the_table() {
        OpenAPI spec = new OpenAPIParser().readContents(HttpTestClient.at(port).get("/v3/api-docs").body(), null, null)
            .getOpenAPI();
        Set<String> inSpec = new TreeSet<>();
        spec.getPaths().forEach((path, item) -> item.readOperationsMap()
            .forEach((method, operation) -> {
                if (path.startsWith("/api/")) {
                    inSpec.add(method + " " + path);
                }
            }));
        Set<String> inTable = new TreeSet<>();
        TABLE.forEach(probe -> inTable.add(probe.operation()));

        assertThat(inTable).as("operations in the spec without a decision in the table")
            .containsAll(inSpec);
        assertThat(inSpec).as("table entries for operations that no longer exist").containsAll(inTable);
    }

    @Test
    void every_role_gets_exactly_what_the_table_says_in_and_out_of_scope() {
        List<String> violations = new ArrayList<>();
        for (Probe probe : TABLE) {
            String anonymousStatus = status(HttpTestClient.at(port), probe, in);
            boolean isPublic = probe.allowed() == PUBLIC;
            if (isPublic == anonymousStatus.equals("401")) {
                violations.add("anonymous " + probe.operation() + " → " + anonymousStatus);
            }
            for (Role role : Role.values()) {
                boolean allowed = isPublic || probe.allowed().contains(role);
                String inScope = status(clients.get(role), probe, in);
                if (allowed && (inScope.equals("401") || inScope.equals("403"))) {
                    violations.add(role + " " + probe.operation() + " (in scope) → " + inScope + ", expected allowed");
                }
                if (!allowed && !inScope.equals("403")) {
                    violations.add(role + " " + probe.operation() + " → " + inScope + ", expected 403");
                }
                if (allowed && probe.scoped()) {
                    if (inScope.equals("404")) {
                        violations.add(role + " " + probe.operation() + " (in scope) → 404");
                    }
                    String outside = status(clients.get(role), probe, out);
                    boolean cityWide = CITY_WIDE.contains(role);
                    if (!cityWide && !outside.equals("404")) {
                        violations.add(role + " " + probe.operation() + " (out of scope) → " + outside + ", expected 404");
                    }
                    if (cityWide && outside.equals("404")) {
                        violations.add(role + " " + probe.operation() + " (city-wide) → 404");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private String status(HttpTestClient client, Probe probe, Map<String, String> values) {
        String path = probe.path();
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        String method = probe.operation().substring(0, probe.operation().indexOf(' '));
        if (path.endsWith("/stream")) {
            client = client.header("Accept", "application/json");
        }
        var response = probe.body() == null ? client.send(method, path, null, new byte[0])
                : client.send(method, path, "application/json", probe.body().getBytes());
        return Integer.toString(response.status());
    }

    private JsonNode create(HttpTestClient admin, String type, JsonNode parent, String boundary) {
        String body = "{" + GridTreeFixture.codeProperty(type, parent == null ? null : parent.path("code").asString())
                + "\"name\":\"矩阵\",\"type\":\"" + type + "\""
                + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"")
                + (boundary == null ? "" : ",\"boundary\":" + boundary) + "}";
        var created = admin.post("/api/v1/grids", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String department(HttpTestClient admin, JsonNode street) {
        var created = admin.post("/api/v1/departments", "{\"code\":\"" + Unique.code("DEP") + "\",\"name\":\"住建\","
                + "\"kind\":\"HOUSING\",\"nodeId\":" + street.path("id").asLong() + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private HttpTestClient login(HttpTestClient admin, Role role, String binding) {
        String username = Unique.code("m" + role.name().toLowerCase().replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"矩阵\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return ApiLogin.as(port, username, PASSWORD);
    }

    private String accountId(HttpTestClient admin, String role, long scopeNodeId) {
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + Unique.code("target") + "\",\"displayName\":\"t\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\",\"scopeNodeId\":" + scopeNodeId + "}");
        return created.json().path("id").asString();
    }
}
