package org.gridgov.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.shared.event.IncidentRequested;
import org.gridgov.shared.security.Role;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An incident another module asks for (a visit's finding, an inspection's hazard) keeps the resident and the dwelling
 * as a reference, never in its text, and only grid staff who may see the incident open it — through the
 * {@code ResidentDirectory} port, which resident-service implements with its scope check and audit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentResidentReferenceIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    KnownResidents residents;

    @Test
    void a_requested_incident_refers_to_the_resident_whom_only_grid_staff_who_see_the_incident_can_open() {
        HttpTestClient http = HttpTestClient.at(port);
        GridTreeFixture grids = new GridTreeFixture(http.as(TestCaller.admin()));
        TestTree tree = grids.tree();
        TestTree elsewhere = grids.tree();
        TestCaller worker = TestCaller.gridWorker(tree.micro().id());
        long residentId = Unique.next();
        long dwellingId = Unique.next();
        UUID key = UUID.randomUUID();
        String finding = "厨房燃气软管老化" + Unique.next();
        // what resident-service publishes for a visit's finding: the resident by id, not by name; delivered twice
        IncidentRequested request = new IncidentRequested(key, "RESIDENT_VISIT", "GAS_HAZARD", "走访发现：" + finding,
                tree.micro().id(), null, null, worker.accountId(), worker.username(), Role.GRID_WORKER,
                tree.micro().id(), Instant.now(), residentId, dwellingId);
        tx.executeWithoutResult(s -> events.publishEvent(request));
        tx.executeWithoutResult(s -> events.publishEvent(request));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from incident_resident_reference r join incident i on i.id = r.incident_id "
                        + "where i.description like ?", Long.class, "%" + finding) == 1);
        long id = jdbc.queryForObject("select id from incident where description like ?", Long.class,
                "%" + finding);
        JsonNode incident = http.as(worker).get("/api/v1/incidents/" + id).json();
        assertThat(incident.path("description").asString()).isEqualTo("走访发现：" + finding);

        var opened = http.as(worker).get("/api/v1/incidents/" + id + "/resident");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(opened.json().path("residentId").asLong()).isEqualTo(residentId);
        assertThat(opened.json().path("dwellingId").asLong()).isEqualTo(dwellingId);
        assertThat(residents.openings()).anySatisfy(o -> {
            assertThat(o.reference().residentId()).isEqualTo(residentId);
            assertThat(o.purpose()).isEqualTo("incident " + incident.path("trackingCode").asString());
        });
        assertThat(http.as(TestCaller.communityWorker(tree.community().id())).get("/api/v1/incidents/" + id
                + "/resident").status()).isEqualTo(200);

        // roles that never read residents' data, even where they may read the incident
        long department = grids.department(tree.street().id(), "GAS", "燃气站");
        assertThat(http.as(TestCaller.departmentStaff(department)).get("/api/v1/incidents/" + id + "/resident")
            .status()).isEqualTo(403);
        assertThat(http.as(TestCaller.integrator(null)).get("/api/v1/incidents/" + id + "/resident").status())
            .isEqualTo(403);
        assertThat(http.as(TestCaller.resident()).get("/api/v1/incidents/" + id + "/resident").status())
            .isEqualTo(403);
        // staff who cannot see the incident cannot tell it exists
        assertThat(http.as(TestCaller.gridWorker(elsewhere.micro().id())).get("/api/v1/incidents/" + id
                + "/resident").status()).isEqualTo(404);

        // an incident reported directly refers to nobody
        var direct = http.as(worker).header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"ENVIRONMENT\",\"description\":\"垃圾堆放\",\"lat\":" + tree.lat() + ",\"lng\":"
                        + tree.lng() + "}");
        assertThat(direct.status()).as(direct.toString()).isEqualTo(201);
        var none = http.as(worker).get("/api/v1/incidents/" + direct.json().path("incident").path("id").asLong()
                + "/resident");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().path("code").asString()).isEqualTo("incident.resident-reference.none");
    }
}
