package org.gridgov.platform.performance;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.points.EntryType;
import org.gridgov.points.PointsLedger;
import org.gridgov.points.Transfer;
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
 * How many SQL statements the hot paths send to PostgreSQL per request, warm (after a first request of the same kind),
 * counted at the JDBC level on the thread serving the request ({@link StatementCounter}), so none can creep back
 * unnoticed. The figures and what the remaining statements are: docs/BENCHMARKS.md, "Statements per request".
 */
@PlatformTest
class StatementsPerRequestIT {

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
    AccountFixture accounts;

    @BeforeEach
    void setUp() {
        admin = ApiLogin.admin(port);
        tree = new GridTreeFixture(admin).tree();
        accounts = new AccountFixture(port, admin);
    }

    @Test
    void a_warm_incident_submission_sends_at_most_eight_statements() {
        HttpTestClient resident = accounts.as("RESIDENT", "");
        report(resident, "warm-up");

        List<String> statements = report(resident, "measured");

        assertThat(statements).as(String.join("\n", statements)).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void a_warm_welfare_pool_donation_sends_at_most_eight_statements() {
        String username = accounts.account("RESIDENT", "");
        long id = jdbc.queryForObject("select id from account where username = ?", Long.class, username);
        HttpTestClient resident = AccountFixture.login(port, username, AccountFixture.PASSWORD);
        tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, UUID.randomUUID().toString(), null, "test",
                ledger.issuanceAccount(), ledger.personAccount(id, username), 100)));
        donate(resident, "warm-up");

        List<String> statements = donate(resident, "measured");

        assertThat(statements).as(String.join("\n", statements)).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void a_warm_points_mall_redemption_sends_at_most_ten_statements() {
        String username = accounts.account("RESIDENT", "");
        long id = jdbc.queryForObject("select id from account where username = ?", Long.class, username);
        HttpTestClient resident = AccountFixture.login(port, username, AccountFixture.PASSWORD);
        var partner = admin.post("/api/v1/points/partners", "{\"name\":\"社区便利店\",\"kind\":\"MERCHANT\","
                + "\"communityId\":" + tree.community().id() + "}");
        assertThat(partner.status()).as(partner.toString()).isEqualTo(201);
        var item = admin.post("/api/v1/points/items", "{\"partnerId\":" + partner.json().path("id").asLong()
                + ",\"name\":\"洗衣服务\",\"price\":8,\"stock\":30,\"limitPerPerson\":5}");
        assertThat(item.status()).as(item.toString()).isEqualTo(201);
        tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, UUID.randomUUID().toString(), null, "test",
                ledger.issuanceAccount(), ledger.personAccount(id, username), 100)));
        long itemId = item.json().path("id").asLong();
        redeem(resident, itemId, "warm-up");

        List<String> statements = redeem(resident, itemId, "measured");

        assertThat(statements).as(String.join("\n", statements)).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void a_warm_space_booking_sends_two_statements_the_space_with_its_hours_and_the_insert() {
        StringBuilder hours = new StringBuilder();
        for (int weekday = 1; weekday <= 7; weekday++) {
            hours.append(weekday == 1 ? "" : ",").append("{\"weekday\":").append(weekday)
                .append(",\"opens\":\"08:00\",\"closes\":\"12:00\"},{\"weekday\":").append(weekday)
                .append(",\"opens\":\"14:00\",\"closes\":\"21:00\"}");
        }
        // closed on public holidays (the default): the work calendar is consulted, from the kept copy
        var space = admin.post("/api/v1/participation/spaces", "{\"gridId\":" + tree.community().id()
                + ",\"name\":\"邻里活动室\",\"capacity\":20,\"approvalRequired\":false,\"hours\":[" + hours + "]}");
        assertThat(space.status()).as(space.toString()).isEqualTo(201);
        assertThat(space.json().path("closedOnHolidays").asBoolean()).isTrue();
        long spaceId = space.json().path("id").asLong();
        HttpTestClient resident = accounts.as("RESIDENT", "");
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(3);
        book(resident, spaceId, day, 9, "warm-up");

        var measured = book(resident, spaceId, day, 15, "measured");

        assertThat(measured).as(String.join("\n", measured)).hasSize(2);
        assertThat(measured.get(1)).startsWith("insert into participation_booking");
    }

    @Test
    void a_warm_public_grid_card_by_location_sends_no_statement() {
        // an address of its own: the public rate limit counts per client address
        HttpTestClient anonymous = HttpTestClient.at(port).header("X-Forwarded-For", "10.18.0.1");
        card(anonymous, "warm-up");

        Card measured = card(anonymous, "measured");

        assertThat(measured.statements()).as(String.join("\n", measured.statements())).isEmpty();
        // nor a connection: a kept card is answered before any transaction would take one
        assertThat(measured.connections()).isZero();
    }

    @Test
    void a_warm_public_grid_card_by_its_qr_code_sends_no_statement() {
        HttpTestClient anonymous = HttpTestClient.at(port).header("X-Forwarded-For", "10.18.0.4");
        String path = "/api/v1/public/grid-cards/" + tree.micro().code();
        card(anonymous, "by-code-warm-up", path);

        Card measured = card(anonymous, "by-code-measured", path);

        assertThat(measured.statements()).as(String.join("\n", measured.statements())).isEmpty();
        assertThat(measured.connections()).isZero();
    }

    @Test
    void a_grid_workers_warm_api_request_sends_no_statement_for_the_consoles_header() {
        // the console's scope label, menu and links are for pages: a REST request of a grid worker (whose scope is a
        // subtree, the case that reads the grid's path and name) must not compute them for a model nobody renders
        HttpTestClient worker = accounts.staff("GRID_WORKER", tree.micro().id()).header("X-Forwarded-For",
                "10.18.0.3");
        card(worker, "warm-up");

        List<String> statements = card(worker, "measured").statements();

        assertThat(statements).as(String.join("\n", statements)).isEmpty();
    }

    @Test
    void a_warm_card_follows_a_staff_change_committed_by_sql_as_another_node_would() {
        HttpTestClient anonymous = HttpTestClient.at(port).header("X-Forwarded-For", "10.18.0.2");
        card(anonymous, "warm-up");
        assertThat(card(anonymous, "measured").statements()).isEmpty();
        assertThat(cardJson(anonymous).path("workerName").asString()).isNotEqualTo("王芳");

        // as another node, an import or SQL by hand would: only the trigger's NOTIFY tells this node
        jdbc.update("update grid_staff set person_name = '王芳' where node_id = ?", tree.micro().id());

        await().atMost(ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(250))
            .until(() -> "王芳".equals(cardJson(anonymous).path("workerName").asString()));
    }

    @Test
    void a_kept_token_principal_stops_working_when_its_account_is_disabled_by_sql_elsewhere() {
        String username = accounts.account("RESIDENT", "");
        HttpTestClient resident = AccountFixture.login(port, username, AccountFixture.PASSWORD);
        assertThat(resident.get("/api/v1/points/me").status()).isEqualTo(200);
        assertThat(resident.get("/api/v1/points/me").status()).isEqualTo(200);

        jdbc.update("update account set status = 'DISABLED' where username = ?", username);

        await().atMost(ofSeconds(5)).until(() -> resident.get("/api/v1/points/me").status() == 401);
    }

    private tools.jackson.databind.JsonNode cardJson(HttpTestClient client) {
        var card = client.get("/api/v1/public/grid-cards?lat=" + tree.lat() + "&lng=" + tree.lng());
        assertThat(card.status()).as(card.toString()).isEqualTo(200);
        return card.json();
    }

    private List<String> report(HttpTestClient resident, String round) {
        String label = "report-" + round + "-" + UUID.randomUUID();
        var reported = resident.header("Idempotency-Key", UUID.randomUUID().toString())
            .header(StatementCounter.HEADER, label)
            .post("/api/v1/incidents", "{\"category\":\"NOISE\",\"description\":\"楼上装修噪音\",\"lat\":" + tree.lat()
                    + ",\"lng\":" + tree.lng() + "}");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        return printed(label, StatementCounter.statementsOf(label));
    }

    private List<String> donate(HttpTestClient resident, String round) {
        String label = "donation-" + round + "-" + UUID.randomUUID();
        var donated = resident.header("Idempotency-Key", UUID.randomUUID().toString())
            .header(StatementCounter.HEADER, label)
            .post("/api/v1/points/me/donations", "{\"amount\":1,\"communityId\":" + tree.community().id() + "}");
        assertThat(donated.status()).as(donated.toString()).isEqualTo(201);
        return printed(label, StatementCounter.statementsOf(label));
    }

    private List<String> redeem(HttpTestClient resident, long itemId, String round) {
        String label = "redemption-" + round + "-" + UUID.randomUUID();
        var redeemed = resident.header("Idempotency-Key", UUID.randomUUID().toString())
            .header(StatementCounter.HEADER, label)
            .post("/api/v1/points/items/" + itemId + "/redeem", "{}");
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        assertThat(redeemed.json().path("code").asString()).isNotBlank();
        return printed(label, StatementCounter.statementsOf(label));
    }

    private List<String> book(HttpTestClient resident, long spaceId, java.time.LocalDate day, int hour, String round) {
        String label = "booking-" + round + "-" + UUID.randomUUID();
        java.time.ZoneId china = java.time.ZoneId.of("Asia/Shanghai");
        // no Idempotency-Key, as the booking benchmark sends none: with one, the filter's claim and completion add two
        var booked = resident.header(StatementCounter.HEADER, label)
            .post("/api/v1/participation/bookings", "{\"spaceId\":" + spaceId + ",\"startsAt\":\""
                    + day.atTime(hour, 0).atZone(china).toInstant() + "\",\"endsAt\":\""
                    + day.atTime(hour + 1, 0).atZone(china).toInstant() + "\",\"attendees\":5,"
                    + "\"purpose\":\"邻里月台读书会\"}");
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        // the answer is built from what was written: it still carries what the database decided and the space's name
        assertThat(booked.json().path("id").asLong()).isPositive();
        assertThat(booked.json().path("createdAt").asString()).isNotBlank();
        assertThat(booked.json().path("spaceName").asString()).isEqualTo("邻里活动室");
        assertThat(booked.json().path("state").asString()).isEqualTo("CONFIRMED");
        return printed(label, StatementCounter.statementsOf(label));
    }

    /** What a card request sent to PostgreSQL, and how many pooled connections it took. */
    private record Card(List<String> statements, int connections) {
    }

    private Card card(HttpTestClient client, String round) {
        return card(client, round, "/api/v1/public/grid-cards?lat=" + tree.lat() + "&lng=" + tree.lng());
    }

    private Card card(HttpTestClient client, String round, String path) {
        String label = "card-" + round + "-" + UUID.randomUUID();
        var card = client.header(StatementCounter.HEADER, label).get(path);
        assertThat(card.status()).as(card.toString()).isEqualTo(200);
        assertThat(card.json().path("gridCode").asString()).isEqualTo(tree.micro().code());
        List<String> statements = printed(label, StatementCounter.statementsOf(label));
        return new Card(statements, StatementCounter.connectionsOf(label));
    }

    private static List<String> printed(String label, List<String> statements) {
        System.out.println("STATEMENTS " + label + ": " + statements.size());
        statements.forEach(sql -> System.out.println("  " + sql));
        return statements;
    }
}
