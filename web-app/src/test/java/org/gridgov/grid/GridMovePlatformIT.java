package org.gridgov.grid;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.resident.IdNumbers;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestAreas;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridgov.testsupport.GridTreeFixture.code;
import static org.gridgov.testsupport.GridTreeFixture.id;
import static org.gridgov.testsupport.GridTreeFixture.square;

/**
 * A general grid with everything the platform keeps about it — an incident, a resident with personal data, a
 * service record paid into the points ledger, a webhook subscription of its subtree — is moved from street S1 to
 * street S2. Everything follows it in the same transaction: S1's officer no longer reads any of it, S2's officer
 * does (incidents, residents and the reveal of their personal data, service records, rankings, figures, audit), and
 * the move itself is in the audit log on both sides.
 */
@PlatformTest
class GridMovePlatformIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient admin;
    GridTreeFixture grids;
    AccountFixture accounts;
    JsonNode street1;
    JsonNode street2;
    JsonNode community1;
    JsonNode community2;
    JsonNode general;
    JsonNode micro;
    double lng;
    double lat;

    @BeforeEach
    void setUp() {
        admin = ApiLogin.admin(port);
        grids = new GridTreeFixture(admin);
        accounts = new AccountFixture(port, admin);
        double[] sw = TestAreas.small();
        double x = sw[0] + 0.005;
        double y = sw[1] + 0.005;
        // the district is drawn; its streets and communities are not (yet): the general grid may change street
        JsonNode district = grids.create("DISTRICT", null, square(x, y, 0.08));
        street1 = grids.create("STREET", district, null);
        street2 = grids.create("STREET", district, null);
        community1 = grids.create("COMMUNITY", street1, null);
        community2 = grids.create("COMMUNITY", street2, null);
        general = grids.create("GENERAL_GRID", community1, square(x + 0.02, y + 0.02, 0.02));
        micro = grids.create("MICRO_GRID", general, square(x + 0.025, y + 0.025, 0.005));
        grids.staff(id(micro), "王建国", "MICRO_GRID_WORKER", true);
        lng = x + 0.0275;
        lat = y + 0.0275;
    }

    @Test
    void a_general_grid_moved_to_another_street_takes_its_incidents_residents_points_webhooks_and_history_along() {
        HttpTestClient officer1 = accounts.staff("STREET_OFFICER", id(street1));
        HttpTestClient officer2 = accounts.staff("STREET_OFFICER", id(street2));
        HttpTestClient communityWorker1 = accounts.staff("COMMUNITY_WORKER", id(community1));
        String workerName = accounts.account("GRID_WORKER", ",\"scopeNodeId\":" + id(micro));
        HttpTestClient worker = AccountFixture.login(port, workerName, AccountFixture.PASSWORD);
        long workerId = jdbc.queryForObject("select id from account where username = ?", Long.class, workerName);
        HttpTestClient resident = accounts.as("RESIDENT", "");

        // a webhook of the general grid's subtree, an incident, a resident with personal data, a paid service record
        var subscription = admin.post("/api/v1/webhook-subscriptions", "{\"name\":\"hotline\",\"url\":"
                + "\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"incident.created\"],\"subtreeNodeId\":" + id(general)
                + "}");
        assertThat(subscription.status()).as(subscription.toString()).isEqualTo(201);
        long subscriptionId = subscription.json().path("id").asLong();
        long incident = report(resident, "楼道堆放杂物");
        // a second one escalated up the ladder to street 1 (micro → general → community → street)
        long escalated = report(resident, "井盖缺失");
        for (int level = 0; level < 3; level++) {
            var up = admin.header("If-Match", admin.get("/api/v1/incidents/" + escalated).header("ETag"))
                .post("/api/v1/incidents/" + escalated + "/escalate", "{\"reason\":\"超出网格处置能力\"}");
            assertThat(up.status()).as(up.toString()).isEqualTo(200);
        }
        assertThat(admin.get("/api/v1/incidents/" + escalated).json().path("holder").path("code").asString())
            .isEqualTo(code(street1));
        String idNumber = IdNumbers.of(String.format(Locale.ROOT, "51%04d", Unique.next() % 10000),
                LocalDate.of(1951, 4, 5), 123);
        long person = resident(idNumber, "13812345678");
        assertThat(admin.post("/api/v1/residents/" + person + "/reveal",
                "{\"field\":\"ID_NUMBER\",\"reason\":\"核对低保\"}").status()).isEqualTo(200);
        var service = worker.header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/points/service-records", "{\"typeCode\":\"HOME_VISIT\",\"description\":\"走访独居老人\","
                    + "\"gridCode\":\"" + code(micro) + "\"}");
        assertThat(service.status()).as(service.toString()).isEqualTo(201);
        long record = service.json().path("id").asLong();
        assertThat(communityWorker1.post("/api/v1/points/service-records/" + record + "/approve", "{}").status())
            .isEqualTo(200);
        // before: all of it is street 1's
        assertThat(officer1.get("/api/v1/incidents/" + incident).status()).isEqualTo(200);
        assertThat(officer2.get("/api/v1/incidents/" + incident).status()).isEqualTo(404);
        assertThat(officer2.get("/api/v1/residents/" + person).status()).isEqualTo(404);
        assertThat(deliveries(subscriptionId)).isEqualTo(2);
        assertThat(ids(officer1.get("/api/v1/incidents?queue=true&size=200").json())).contains(escalated);

        var moved = admin.header("If-Match", admin.get("/api/v1/grids/" + id(general)).header("ETag"))
            .post("/api/v1/grids/" + id(general) + "/move", "{\"parentCode\":\"" + code(community2) + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        // street 1 no longer reads any of it
        assertThat(officer1.get("/api/v1/incidents/" + incident).status()).isEqualTo(404);
        assertThat(ids(officer1.get("/api/v1/incidents?size=200").json())).doesNotContain(incident, escalated);
        // the incident escalated to street 1 went to street 2, the same level of the grid's new ladder
        assertThat(ids(officer1.get("/api/v1/incidents?queue=true&size=200").json())).doesNotContain(escalated);
        assertThat(officer1.get("/api/v1/residents/" + person).status()).isEqualTo(404);
        assertThat(officer1.post("/api/v1/residents/" + person + "/reveal",
                "{\"field\":\"PHONE\",\"reason\":\"回访\"}").status()).isEqualTo(404);
        assertThat(officer1.get("/api/v1/residents?idNumber=" + idNumber).json().path("totalElements").asLong())
            .isZero();
        assertThat(ids(officer1.get("/api/v1/points/service-records?review=true&state=APPROVED&size=200").json()))
            .doesNotContain(record);
        assertThat(communityWorker1.get("/api/v1/points/service-records?review=true&state=APPROVED&size=200")
            .json().path("items").toString()).doesNotContain("\"id\":" + record + ",");
        assertThat(officer1.get("/api/v1/points/rankings?nodeId=" + id(street1)).json()).isEmpty();
        JsonNode figures1 = officer1.get("/api/v1/grids/" + id(street1) + "/figures").json();
        assertThat(figures1.path("extensions").path("incidents").path("receivedLast30Days").asLong()).isZero();
        assertThat(figures1.path("extensions").path("residents").path("residents").asLong()).isZero();
        assertThat(figures1.path("descendantsByType").path("MICRO_GRID").asLong()).isZero();
        assertThat(audit(officer1, "PERSONAL_DATA_REVEALED")).doesNotContain("\"targetId\":\"" + person + "\"");

        // street 2 reads all of it
        assertThat(officer2.get("/api/v1/incidents/" + incident).status()).isEqualTo(200);
        assertThat(ids(officer2.get("/api/v1/incidents?size=200").json())).contains(incident, escalated);
        assertThat(ids(officer2.get("/api/v1/incidents?queue=true&size=200").json())).contains(escalated);
        JsonNode handedOver = officer2.get("/api/v1/incidents/" + escalated).json();
        assertThat(handedOver.path("holder").path("code").asString()).isEqualTo(code(street2));
        assertThat(handedOver.path("state").asString()).isEqualTo("ESCALATED");
        assertThat(officer2.get("/api/v1/incidents/" + escalated + "/timeline").body()).contains("HOLDER_MOVED");
        assertThat(officer2.get("/api/v1/residents/" + person).status()).isEqualTo(200);
        var revealed = officer2.post("/api/v1/residents/" + person + "/reveal",
                "{\"field\":\"PHONE\",\"reason\":\"回访\"}");
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        assertThat(revealed.json().path("value").asString()).isEqualTo("13812345678");
        assertThat(officer2.get("/api/v1/residents?idNumber=" + idNumber).json().path("totalElements").asLong())
            .isOne();
        assertThat(ids(officer2.get("/api/v1/points/service-records?review=true&state=APPROVED&size=200").json()))
            .contains(record);
        JsonNode ranking = officer2.get("/api/v1/points/rankings?nodeId=" + id(street2) + "&month="
                + YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"))).json(); // the platform's months are China's
        assertThat(ranking).hasSize(1);
        assertThat(ranking.get(0).path("personId").asLong()).isEqualTo(workerId);
        JsonNode figures2 = officer2.get("/api/v1/grids/" + id(street2) + "/figures").json();
        assertThat(figures2.path("extensions").path("incidents").path("receivedLast30Days").asLong()).isEqualTo(2);
        assertThat(figures2.path("extensions").path("residents").path("residents").asLong()).isOne();
        assertThat(figures2.path("descendantsByType").path("MICRO_GRID").asLong()).isOne();
        assertThat(audit(officer2, "PERSONAL_DATA_REVEALED")).contains("\"targetId\":\"" + person + "\"");
        // the move is in the audit log, for both streets
        assertThat(audit(officer2, "GRID_MOVED")).contains("\"targetId\":\"" + id(general) + "\"")
            .contains(code(community1)).contains(code(community2));
        assertThat(audit(officer1, "GRID_MOVED_AWAY")).contains("\"targetId\":\"" + id(general) + "\"");
        // the grid worker's own grid moved with its work
        assertThat(worker.get("/api/v1/incidents/" + incident).status()).isEqualTo(200);
        // the subscription of the subtree keeps receiving its grid's events
        report(resident, "路灯损坏");
        await().atMost(ofSeconds(10)).until(() -> deliveries(subscriptionId) == 3);
        // the locate chain climbs the new ladder
        JsonNode chain = admin.get("/api/v1/grids/" + id(micro) + "/chain").json();
        assertThat(chain.get(1).path("code").asString()).isEqualTo(code(street2));
    }

    long report(HttpTestClient reporter, String description) {
        var reported = reporter.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"ENVIRONMENT\",\"description\":\"" + description + "\",\"lat\":" + lat + ",\"lng\":"
                        + lng + "}");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        return reported.json().path("incident").path("id").asLong();
    }

    long resident(String idNumber, String phone) {
        var compound = admin.post("/api/v1/compounds", "{\"code\":\"" + Unique.code("C") + "\",\"name\":\"锦江苑"
                + Unique.next() + "\",\"communityId\":" + id(community1) + "}");
        assertThat(compound.status()).as(compound.toString()).isEqualTo(201);
        var building = admin.post("/api/v1/compounds/" + compound.json().path("id").asLong() + "/buildings",
                "{\"code\":\"1\",\"name\":\"1栋\"}");
        assertThat(building.status()).as(building.toString()).isEqualTo(201);
        var dwelling = admin.post("/api/v1/buildings/" + building.json().path("id").asLong() + "/dwellings",
                "{\"unit\":\"1\",\"room\":\"101\",\"gridId\":" + id(micro) + "}");
        assertThat(dwelling.status()).as(dwelling.toString()).isEqualTo(201);
        var created = admin.post("/api/v1/residents", "{\"name\":\"张秀英\",\"idNumber\":\"" + idNumber
                + "\",\"phone\":\"" + phone + "\",\"dwellingId\":" + dwelling.json().path("id").asLong()
                + ",\"relationToHead\":\"HEAD\",\"healthNote\":\"高血压\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    long deliveries(long subscriptionId) {
        return jdbc.queryForObject("select count(*) from webhook_delivery where subscription_id = ?", Long.class,
                subscriptionId);
    }

    String audit(HttpTestClient client, String action) {
        var events = client.get("/api/v1/audit-events?action=" + action + "&size=200");
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        return events.json().path("items").toString();
    }

    static java.util.List<Long> ids(JsonNode page) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }
}
