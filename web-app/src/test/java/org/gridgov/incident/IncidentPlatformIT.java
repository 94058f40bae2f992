package org.gridgov.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import tools.jackson.databind.JsonNode;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What of incidents only the whole platform shows: refusals by URL authorization, with real accounts and tokens. The
 * incident behaviour itself is tested by incident-service's own IncidentIT (whose tests these assertions came from).
 */
@PlatformTest
class IncidentPlatformIT {

    @LocalServerPort
    int port;

    HttpTestClient admin;
    AccountFixture accounts;

    @BeforeEach
    void setUp() {
        admin = ApiLogin.admin(port);
        accounts = new AccountFixture(port, admin);
    }

    @Test
    void a_grid_worker_may_not_check_in_for_a_department() {
        GridTreeFixture.TestTree tree = new GridTreeFixture(admin).tree();
        var reported = accounts.as("RESIDENT", "").header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/incidents", "{\"category\":\"NOISE\",\"description\":\"楼上装修噪音\",\"lat\":" + tree.lat()
                    + ",\"lng\":" + tree.lng() + "}");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        long id = reported.json().path("incident").path("id").asLong();

        var checkIn = accounts.staff("GRID_WORKER", tree.micro().id())
            .post("/api/v1/incidents/" + id + "/check-in", "{}");

        assertThat(checkIn.status()).isEqualTo(403);
    }

    @Test
    void residents_may_not_configure_categories() {
        String code = "TEST_" + Unique.next();
        var saved = admin.put("/api/v1/incident-categories/" + code,
                "{\"name\":\"井盖缺失\",\"responseHours\":2,\"resolutionHours\":24,\"workingHours\":false}");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(accounts.as("RESIDENT", "").put("/api/v1/incident-categories/" + code, "{}").status())
            .isEqualTo(403);
    }

    /**
     * A working day along the ladder with real accounts and tokens: a resident reports; the micro grid's worker is told;
     * it climbs to the general grid, the community and the street, each told at its turn; the street accepts, blows the
     * whistle, the department is told, checks in and reports; the street resolves and the resident rates. Every inbox
     * holds exactly what its owner must act on or learn — nobody else's, nothing twice — and the live stream replays the
     * same to a phone that reconnects.
     */
    @Test
    void a_report_climbs_the_ladder_and_each_person_is_told_exactly_their_part() {
        GridTreeFixture.TestTree tree = new GridTreeFixture(admin).tree();
        HttpTestClient resident = accounts.as("RESIDENT", "");
        HttpTestClient microWorker = accounts.staff("GRID_WORKER", tree.micro().id());
        HttpTestClient generalWorker = accounts.staff("GRID_WORKER", tree.general().id());
        HttpTestClient communityWorker = accounts.staff("COMMUNITY_WORKER", tree.community().id());
        HttpTestClient streetOfficer = accounts.staff("STREET_OFFICER", tree.street().id());
        HttpTestClient districtOfficer = accounts.staff("DISTRICT_OFFICER", tree.district().id());
        var department = admin.post("/api/v1/departments", "{\"code\":\"" + Unique.code("DEP") + "\",\"name\":\"燃气\","
                + "\"kind\":\"HOUSING\",\"nodeId\":" + tree.street().id() + "}");
        assertThat(department.status()).as(department.toString()).isEqualTo(201);
        long departmentId = department.json().path("id").asLong();
        HttpTestClient departmentStaff = accounts.as("DEPARTMENT_STAFF", ",\"departmentId\":" + departmentId);
        GridTreeFixture.TestTree elsewhere = new GridTreeFixture(admin).tree();
        HttpTestClient otherWorker = accounts.staff("GRID_WORKER", elsewhere.micro().id());

        var reported = resident.header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/incidents", "{\"category\":\"GAS_HAZARD\",\"description\":\"楼道燃气味很重\",\"lat\":"
                    + tree.lat() + ",\"lng\":" + tree.lng() + "}");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        long id = reported.json().path("incident").path("id").asLong();
        String code = reported.json().path("incident").path("trackingCode").asString();

        assertThat(kinds(microWorker)).containsExactly("INCIDENT_NEW");
        assertThat(kinds(generalWorker)).isEmpty();
        move(microWorker, id, "escalate", "{\"reason\":\"需要总网格协调\"}");
        assertThat(kinds(generalWorker)).containsExactly("INCIDENT_ESCALATED");
        move(generalWorker, id, "escalate", "{\"reason\":\"涉及燃气管道\"}");
        assertThat(kinds(communityWorker)).containsExactly("INCIDENT_ESCALATED");
        move(communityWorker, id, "escalate", "{\"reason\":\"需要街道吹哨\"}");
        assertThat(kinds(streetOfficer)).containsExactly("INCIDENT_ESCALATED");
        assertThat(message(streetOfficer)).contains(code).contains("请于");

        move(streetOfficer, id, "accept", "{}");
        move(streetOfficer, id, "whistle", "{\"departmentIds\":[" + departmentId + "],\"note\":\"请今日到场\"}");
        assertThat(kinds(departmentStaff)).containsExactly("INCIDENT_WHISTLED");
        assertThat(departmentStaff.post("/api/v1/incidents/" + id + "/check-in", "{}").status()).isEqualTo(200);
        assertThat(departmentStaff.post("/api/v1/incidents/" + id + "/department-report",
                "{\"report\":\"已关闭阀门并更换老化管段\"}").status()).isEqualTo(200);
        move(streetOfficer, id, "resolve", "{\"note\":\"已处置\"}");

        assertThat(kinds(resident)).containsExactly("INCIDENT_RESOLVED", "INCIDENT_ACCEPTED");
        var rated = resident.post("/api/v1/incidents/" + id + "/rating", "{\"rating\":5,\"comment\":\"及时\"}");
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        assertThat(rated.json().path("state").asString()).isEqualTo("CLOSED");

        // nobody was told twice, and nobody outside the ladder was told at all
        assertThat(kinds(microWorker)).containsExactly("INCIDENT_NEW");
        assertThat(kinds(generalWorker)).containsExactly("INCIDENT_ESCALATED");
        assertThat(kinds(communityWorker)).containsExactly("INCIDENT_ESCALATED");
        assertThat(kinds(streetOfficer)).containsExactly("INCIDENT_ESCALATED");
        assertThat(kinds(departmentStaff)).containsExactly("INCIDENT_WHISTLED");
        assertThat(kinds(districtOfficer)).isEmpty();
        assertThat(kinds(otherWorker)).isEmpty();
        assertThat(resident.get("/api/v1/me/notifications/unread-count").json().path("unread").asLong()).isEqualTo(2);

        // the phone that reconnects with Last-Event-ID receives the same on the live stream
        var stream = microWorker.header("Last-Event-ID", "0").openStream("/api/v1/me/notifications/stream", 2);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(stream.body()).contains("event:notification").contains("INCIDENT_NEW").contains(code);
    }

    private static List<String> kinds(HttpTestClient client) {
        var inbox = client.get("/api/v1/me/notifications");
        assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        for (JsonNode item : inbox.json().path("items")) {
            kinds.add(item.path("kind").asString());
        }
        return kinds;
    }

    private static String message(HttpTestClient client) {
        return client.get("/api/v1/me/notifications").json().path("items").get(0).path("message").asString();
    }

    private void move(HttpTestClient client, long id, String move, String body) {
        String etag = admin.get("/api/v1/incidents/" + id).header("ETag");
        var moved = client.header("If-Match", etag).post("/api/v1/incidents/" + id + "/" + move, body);
        assertThat(moved.status()).as(move + " " + moved).isEqualTo(200);
    }
}
