package org.gridgov.resident;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the resident module asks of the incident module arrives there: a visit's finding and a failed inspection item
 * each become one GRID_PATROL incident, and asking again for the same hazard opens no second one. The incident names
 * neither the resident nor the address: it refers to them, and only grid staff entitled to the resident open the
 * reference (audited by resident-service). The one test with
 * both modules running; resident-service's CareAndInspectionIT checks the requests it publishes, on its own.
 */
@PlatformTest
class ResidentIncidentRequestsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    long incidentsLike(String text) {
        return jdbc.queryForObject("select count(*) from incident where description like ? and source = "
                + "'GRID_PATROL'", Long.class, "%" + text + "%");
    }

    @Test
    void a_visit_finding_and_a_failed_inspection_item_each_become_one_incident_that_refers_to_the_resident() {
        HttpTestClient admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        AccountFixture accounts = new AccountFixture(port, admin);
        HttpTestClient worker = accounts.staff("GRID_WORKER", tree.micro().id());
        HttpTestClient communityWorker = accounts.staff("COMMUNITY_WORKER", tree.community().id());
        var compound = admin.post("/api/v1/compounds", "{\"code\":\"" + Unique.code("C") + "\",\"name\":\"锦江苑"
                + Unique.next() + "\",\"communityId\":" + tree.community().id() + "}");
        assertThat(compound.status()).as(compound.toString()).isEqualTo(201);
        var building = admin.post("/api/v1/compounds/" + compound.json().path("id").asLong() + "/buildings",
                "{\"code\":\"1\",\"name\":\"1栋\"}");
        assertThat(building.status()).as(building.toString()).isEqualTo(201);
        var dwelling = admin.post("/api/v1/buildings/" + building.json().path("id").asLong() + "/dwellings",
                "{\"unit\":\"1\",\"room\":\"101\",\"gridId\":" + tree.micro().id() + "}");
        assertThat(dwelling.status()).as(dwelling.toString()).isEqualTo(201);
        long dwellingId = dwelling.json().path("id").asLong();
        String name = "独居" + Unique.next();
        String idNumber = IdNumbers.of(String.format(Locale.ROOT, "51%04d", Unique.next() % 10000),
                LocalDate.of(1937, 7, 7), (int) (Unique.next() % 1000));
        var resident = worker.post("/api/v1/residents", "{\"name\":\"" + name + "\",\"idNumber\":\"" + idNumber
                + "\",\"dwellingId\":" + dwellingId + "}");
        assertThat(resident.status()).as(resident.toString()).isEqualTo(201);

        var visit = worker.header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/residents/" + resident.json().path("id").asLong() + "/visits", "{\"findings\":[{"
                    + "\"description\":\"厨房燃气软管老化\",\"openIncident\":true,\"incidentCategory\":\"GAS_HAZARD\"}]}");
        assertThat(visit.status()).as(visit.toString()).isEqualTo(201);
        long residentId = resident.json().path("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from "
                + "incident_resident_reference where resident_id = ?", Long.class, residentId) == 1);
        long incident = jdbc.queryForObject("select incident_id from incident_resident_reference where resident_id = ?",
                Long.class, residentId);
        // the incident's text, which integrators (REST, Open311, webhooks) and summoned departments read, names
        // nobody: the resident is a reference
        assertThat(incidentsLike(name)).isZero();
        JsonNode view = admin.get("/api/v1/incidents/" + incident).json();
        assertThat(view.path("description").asString()).isEqualTo("走访发现：厨房燃气软管老化");
        assertThat(admin.get("/api/v1/incidents/" + incident + "/timeline").body()).doesNotContain(name);

        // the grid worker opens the reference: the resident as resident-service shows them, and it is audited
        var opened = worker.get("/api/v1/incidents/" + incident + "/resident");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(opened.json().path("name").asString()).isEqualTo(name);
        assertThat(opened.json().path("idNumberMasked").asString()).doesNotContain(idNumber.substring(6, 14));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'RESIDENT_REFERENCE_OPENED' "
                + "and target_id = ? and detail = ?", Long.class, Long.toString(residentId),
                "incident " + view.path("trackingCode").asString())).isOne();
        // departments and integrators never: refused before anything is read
        long department = new GridTreeFixture(admin).department(tree.street().id(), "GAS", "燃气站");
        HttpTestClient departmentStaff = accounts.as("DEPARTMENT_STAFF", ",\"departmentId\":" + department);
        assertThat(departmentStaff.get("/api/v1/incidents/" + incident + "/resident").status()).isEqualTo(403);

        var campaign = communityWorker.post("/api/v1/inspection-campaigns", "{\"name\":\"冬季燃气安全排查\","
                + "\"checklistCode\":\"GAS_SAFETY\",\"nodeId\":" + tree.community().id() + "}");
        assertThat(campaign.status()).as(campaign.toString()).isEqualTo(201);
        String note = "软管已用" + Unique.next() + "天";
        var filled = worker.post("/api/v1/inspection-campaigns/" + campaign.json().path("id").asLong()
                + "/inspections", "{\"dwellingId\":" + dwellingId + ",\"openIncidents\":true,\"results\":["
                        + "{\"itemCode\":\"HOSE_AGE\",\"passed\":false,\"note\":\"" + note + "\"},"
                        + "{\"itemCode\":\"VALVE\",\"passed\":true},{\"itemCode\":\"DETECTOR\",\"passed\":true},"
                        + "{\"itemCode\":\"VENTILATION\",\"passed\":true},{\"itemCode\":\"NO_CYLINDER\",\"passed\":true}]}");
        assertThat(filled.status()).as(filled.toString()).isEqualTo(201);
        JsonNode hazard = filled.json().get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> incidentsLike(note) == 1);
        // the dwelling by reference, not its address
        assertThat(incidentsLike(compound.json().path("name").asString())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from incident_resident_reference r join incident i "
                + "on i.id = r.incident_id where i.description like ? and r.dwelling_id = ? and r.resident_id is null",
                Long.class, "%" + note + "%", dwellingId)).isOne();

        // a second request for the same hazard changes nothing
        assertThat(worker.post("/api/v1/hazards/" + hazard.path("id").asLong() + "/incident", "{}").status())
            .isEqualTo(200);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> incidentsLike(note) == 1);
    }
}
