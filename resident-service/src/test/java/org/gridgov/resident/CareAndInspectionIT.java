package org.gridgov.resident;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.shared.event.IncidentRequested;
import org.gridgov.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three-colour care and safety inspections, as grid workers and community workers use them. A finding or hazard
 * passed on as an incident is an {@link IncidentRequested} event for the incident module, checked here as that
 * module receives it (that it becomes a GRID_PATROL incident is the web app's ResidentIncidentRequestsIT).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CareAndInspectionIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RequestedIncidents incidents;

    ResidentFixture f;

    @BeforeEach
    void setUp() {
        f = new ResidentFixture(port);
    }

    /** The incidents requested in this fixture's micro grid A whose description contains {@code text}. */
    List<IncidentRequested> incidentsLike(String text) {
        return incidents.like(text).stream().filter(r -> r.gridId() == f.microA.id()).toList();
    }

    @Test
    void a_red_level_resident_past_a_week_is_on_the_work_list_until_visited_and_a_finding_opens_an_incident() {
        String name = "独居" + org.gridgov.testsupport.Unique.next();
        long id = f.resident(f.workerA, name, ResidentFixture.idNumber(LocalDate.of(1938, 4, 4), true), "13500000001",
                f.dwellingA).path("id").asLong();
        var noReason = f.workerA.put("/api/v1/residents/" + id + "/care-level", "{\"level\":\"RED\"}");
        assertThat(noReason.status()).isEqualTo(400);
        var red = f.workerA.put("/api/v1/residents/" + id + "/care-level",
                "{\"level\":\"RED\",\"reason\":\"独居、行动不便\"}");
        assertThat(red.json().path("careLevel").asString()).isEqualTo("RED");
        assertThat(f.workerA.put("/api/v1/residents/" + id + "/tags", "{\"tags\":[\"ELDERLY_ALONE\"]}").json()
            .path("tags").toString()).contains("ELDERLY_ALONE");
        jdbc.update("update resident_person set care_set_at = now() - interval '10 days' where id = ?", id);

        JsonNode overdue = f.workerA.get("/api/v1/visits/overdue").json();
        assertThat(overdue.path("items").findValuesAsString("name")).contains(name);
        assertThat(overdue.path("items").get(0).path("daysOverdue").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(f.workerB.get("/api/v1/visits/overdue").json().path("items").findValuesAsString("name"))
            .doesNotContain(name);
        JsonNode byGrid = f.communityWorker.get("/api/v1/visits/overdue/by-grid?nodeId="
                + f.community.id()).json();
        assertThat(byGrid.get(0).path("overdue").asLong()).isOne();
        assertThat(f.admin.get("/api/v1/grids/" + f.microA.id() + "/figures").json()
            .findValue("residents").path("visitsOverdue").asLong()).isOne();

        var visit = f.workerA.header("Idempotency-Key", java.util.UUID.randomUUID().toString())
            .post("/api/v1/residents/" + id + "/visits", "{\"lat\":30.57,\"lng\":103.93,\"place\":\"家中\","
                    + "\"notes\":\"精神状态良好\",\"findings\":[{\"description\":\"厨房燃气软管老化\",\"openIncident\":true,"
                    + "\"incidentCategory\":\"GAS_HAZARD\"},{\"description\":\"希望有人帮忙买菜\"}]}");
        assertThat(visit.status()).as(visit.toString()).isEqualTo(201);
        assertThat(visit.json().path("findings").get(0).path("incidentRequested").asBoolean()).isTrue();
        assertThat(visit.json().path("findings").get(1).path("incidentRequested").asBoolean()).isFalse();

        assertThat(f.workerA.get("/api/v1/visits/overdue").json().path("items").findValuesAsString("name"))
            .doesNotContain(name);
        assertThat(f.workerA.get("/api/v1/residents/" + id + "/visits").json().get(0).path("notes").asString())
            .isEqualTo("精神状态良好");
        // the incident module (and through it integrators and departments) gets the resident by reference only
        assertThat(incidents.like(name)).isEmpty();
        List<IncidentRequested> requested = incidentsLike("走访发现：厨房燃气软管老化").stream()
            .filter(r -> r.residentId() != null && r.residentId() == id).toList();
        assertThat(requested).hasSize(1);
        assertThat(requested.get(0).dwellingId()).isEqualTo(f.dwellingA);
        assertThat(requested.get(0).origin()).isEqualTo("RESIDENT_VISIT");
        assertThat(requested.get(0).categoryCode()).isEqualTo("GAS_HAZARD");
        assertThat(requested.get(0).requestedByRole()).isEqualTo(Role.GRID_WORKER);
        assertThat(f.workerB.get("/api/v1/residents/" + id + "/visits").status()).isEqualTo(404);

        var future = f.workerA.post("/api/v1/residents/" + id + "/visits", "{\"visitedAt\":\"2999-01-01T00:00:00Z\"}");
        assertThat(future.status()).isEqualTo(400);
        var photo = f.workerA.postFile("/api/v1/visits/" + visit.json().path("id").asLong() + "/photos", "x.jpg",
                "image/jpeg", "not an image".getBytes());
        assertThat(photo.status()).isEqualTo(415);
    }

    @Test
    void a_gas_safety_campaign_turns_failed_items_into_hazards_and_shows_progress_per_grid() {
        var campaign = f.communityWorker.post("/api/v1/inspection-campaigns", "{\"name\":\"冬季燃气安全排查\","
                + "\"checklistCode\":\"GAS_SAFETY\",\"nodeId\":" + f.community.id() + "}");
        assertThat(campaign.status()).as(campaign.toString()).isEqualTo(201);
        long campaignId = campaign.json().path("id").asLong();
        assertThat(campaign.json().path("dwellings").asLong()).isEqualTo(2);

        String answers = "[{\"itemCode\":\"HOSE_AGE\",\"passed\":false,\"note\":\"软管已用5年\"},"
                + "{\"itemCode\":\"VALVE\",\"passed\":true},{\"itemCode\":\"DETECTOR\",\"passed\":true},"
                + "{\"itemCode\":\"VENTILATION\",\"passed\":true},{\"itemCode\":\"NO_CYLINDER\",\"passed\":true}]";
        var unanswered = f.workerA.post("/api/v1/inspection-campaigns/" + campaignId + "/inspections",
                "{\"dwellingId\":" + f.dwellingA + ",\"results\":[{\"itemCode\":\"VALVE\",\"passed\":true}]}");
        assertThat(unanswered.status()).isEqualTo(400);
        assertThat(unanswered.body()).contains("HOSE_AGE");

        var filled = f.workerA.post("/api/v1/inspection-campaigns/" + campaignId + "/inspections",
                "{\"dwellingId\":" + f.dwellingA + ",\"openIncidents\":true,\"results\":" + answers + "}");
        assertThat(filled.status()).as(filled.toString()).isEqualTo(201);
        JsonNode hazard = filled.json().get(0);
        assertThat(hazard.path("itemCode").asString()).isEqualTo("HOSE_AGE");
        assertThat(hazard.path("status").asString()).isEqualTo("INCIDENT_REQUESTED");
        String compoundName = f.communityWorker.get("/api/v1/dwellings/" + f.dwellingA).json().path("compoundName")
            .asString();
        assertThat(incidentsLike("软管已用5年")).hasSize(1).allSatisfy(r -> {
            assertThat(r.origin()).isEqualTo("SAFETY_INSPECTION");
            // the dwelling by reference, not its address
            assertThat(r.description()).doesNotContain(compoundName);
            assertThat(r.dwellingId()).isEqualTo(f.dwellingA);
            assertThat(r.residentId()).isNull();
        });

        assertThat(f.workerA.post("/api/v1/inspection-campaigns/" + campaignId + "/inspections",
                "{\"dwellingId\":" + f.dwellingA + ",\"results\":" + answers + "}").status()).isEqualTo(409);
        assertThat(f.workerA.post("/api/v1/inspection-campaigns/" + campaignId + "/inspections",
                "{\"dwellingId\":" + f.dwellingB + ",\"results\":" + answers + "}").status()).isEqualTo(422);
        // a second request for the same hazard changes nothing
        assertThat(f.workerA.post("/api/v1/hazards/" + hazard.path("id").asLong() + "/incident", "{}").status())
            .isEqualTo(200);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
            .until(() -> incidentsLike("软管已用5年").size() == 1);

        JsonNode progress = f.communityWorker.get("/api/v1/inspection-campaigns/" + campaignId).json();
        assertThat(progress.path("inspected").asLong()).isOne();
        assertThat(progress.path("hazards").asLong()).isOne();
        assertThat(progress.path("grids").size()).isEqualTo(2);
        JsonNode forWorkerB = f.workerB.get("/api/v1/inspection-campaigns/" + campaignId).json();
        assertThat(forWorkerB.path("inspected").asLong()).isZero();
        assertThat(forWorkerB.path("grids").size()).isOne();
        assertThat(f.workerB.get("/api/v1/hazards?campaignId=" + campaignId).json().size()).isZero();
    }
}
