package org.gridgov.points;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Happiness Card where it meets the other modules of the platform, with real accounts and tokens: the incident
 * module's events earn points and rank workers, and a redemption reaches integrators through the webhook outbox.
 * The points module on its own is points-service's {@code PointsIT} and {@code PointsLedgerIT}.
 */
@PlatformTest
class PointsPlatformIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PointsLedger ledger;

    @Autowired
    TransactionTemplate tx;

    HttpTestClient admin;
    TestTree tree;
    Person gridWorker;
    Person communityWorker;
    Person resident;

    record Person(long id, String username, HttpTestClient client) {
    }

    @BeforeEach
    void setUp() {
        admin = ApiLogin.admin(port);
        tree = new GridTreeFixture(admin).tree();
        AccountFixture accounts = new AccountFixture(port, admin);
        gridWorker = person(accounts.account("GRID_WORKER", ",\"scopeNodeId\":" + tree.micro().id()));
        communityWorker = person(accounts.account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + tree.community().id()));
        resident = person(accounts.account("RESIDENT", ""));
    }

    Person person(String username) {
        long id = jdbc.queryForObject("select id from account where username = ?", Long.class, username);
        return new Person(id, username, AccountFixture.login(port, username, AccountFixture.PASSWORD));
    }

    long balance(Person person) {
        return person.client().get("/api/v1/points/me").json().path("balance").asLong();
    }

    @Test
    void a_redemption_reaches_integrators_through_the_outbox_without_the_voucher_code() {
        var partner = admin.post("/api/v1/points/partners", "{\"name\":\"社区便利店\",\"kind\":\"MERCHANT\","
                + "\"communityId\":" + tree.community().id() + "}");
        assertThat(partner.status()).as(partner.toString()).isEqualTo(201);
        var item = admin.post("/api/v1/points/items", "{\"partnerId\":" + partner.json().path("id").asLong()
                + ",\"name\":\"洗衣服务\",\"price\":8,\"stock\":3}");
        assertThat(item.status()).as(item.toString()).isEqualTo(201);
        tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, UUID.randomUUID().toString(), null, "test",
                ledger.issuanceAccount(), ledger.personAccount(resident.id(), resident.username()), 10)));

        var redeemed = resident.client().header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/points/items/" + item.json().path("id").asLong() + "/redeem", "{}");
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        String code = redeemed.json().path("code").asString();

        // integrators are told through the outbox (points.redeemed), without the voucher code
        String event = jdbc.queryForObject("select payload::text from outbox_event where type = 'points.redeemed' "
                + "and aggregate_key = ?", String.class, "redemption:" + redeemed.json().path("id").asLong());
        assertThat(event).contains("\"points\": 8").doesNotContain(code);
    }

    @Test
    void resolving_an_incident_on_time_earns_the_resolver_points_once() {
        double[] at = tree.pointInMicro();
        var reported = resident.client().header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/incidents", "{\"category\":\"ENVIRONMENT\",\"description\":\"垃圾堆放\",\"lat\":" + at[1]
                    + ",\"lng\":" + at[0] + "}");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        long id = reported.json().path("incident").path("id").asLong();
        move(gridWorker.client(), id, "accept", "{}");
        var resolved = move(gridWorker.client(), id, "resolve", "{\"note\":\"已清理\"}");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);

        await().atMost(ofSeconds(20)).until(() -> balance(gridWorker) > 0);
        assertThat(balance(gridWorker)).isEqualTo(5);
        JsonNode entry = gridWorker.client().get("/api/v1/points/me/entries").json().path("items").get(0);
        assertThat(entry.path("sourceRef").asString()).isEqualTo("incident:" + id);
        assertThat(entry.path("rule").asString()).contains("incident-on-time-points");
    }

    @Test
    void residents_ratings_rank_the_worker_who_resolved_by_satisfaction() {
        double[] at = tree.pointInMicro();
        for (int stars : new int[] { 5, 3 }) {
            double offset = 0.001 * (stars - 4);
            var reported = resident.client().header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/incidents", "{\"category\":\"ENVIRONMENT\",\"description\":\"楼道杂物\",\"lat\":"
                        + (at[1] + offset) + ",\"lng\":" + (at[0] + offset) + "}");
            assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
            long id = reported.json().path("incident").path("id").asLong();
            move(gridWorker.client(), id, "accept", "{}");
            assertThat(move(gridWorker.client(), id, "resolve", "{\"note\":\"已清理\"}").status()).isEqualTo(200);
            var rated = resident.client().post("/api/v1/incidents/" + id + "/rating", "{\"rating\":" + stars + "}");
            assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        }

        String ranking = "/api/v1/points/rankings/satisfaction?nodeId=" + tree.community().id();
        await().atMost(ofSeconds(20)).until(() -> {
            JsonNode rows = communityWorker.client().get(ranking).json();
            return !rows.isEmpty() && rows.get(0).path("ratings").asLong() >= 2;
        });
        JsonNode rows = communityWorker.client().get(ranking).json();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("personId").asLong()).isEqualTo(gridWorker.id());
        assertThat(rows.get(0).path("ratings").asLong()).isEqualTo(2);
        assertThat(rows.get(0).path("averageStars").asDouble()).isEqualTo(4.0);
    }

    HttpTestClient.Response move(HttpTestClient client, long id, String move, String body) {
        String etag = admin.get("/api/v1/incidents/" + id).header("ETag");
        return client.header("If-Match", etag).post("/api/v1/incidents/" + id + "/" + move, body);
    }
}
