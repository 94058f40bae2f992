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
 * each become one GRID_PATROL incident, and asking again for the same hazard opens no second one. The one test with
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
    void a_visit_finding_and_a_failed_inspection_item_each_become_one_grid_patrol_incident() {
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
        await().atMost(Duration.ofSeconds(10)).until(() -> incidentsLike(name + "）：厨房燃气软管老化") == 1);

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

        // a second request for the same hazard changes nothing
        assertThat(worker.post("/api/v1/hazards/" + hazard.path("id").asLong() + "/incident", "{}").status())
            .isEqualTo(200);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> incidentsLike(note) == 1);
    }
}
