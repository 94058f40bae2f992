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

import static org.assertj.core.api.Assertions.assertThat;

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
    void a_warm_public_grid_card_by_location_sends_no_statement() {
        HttpTestClient anonymous = HttpTestClient.at(port);
        card(anonymous, "warm-up");

        List<String> statements = card(anonymous, "measured");

        assertThat(statements).as(String.join("\n", statements)).isEmpty();
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

    private List<String> card(HttpTestClient client, String round) {
        String label = "card-" + round + "-" + UUID.randomUUID();
        var card = client.header(StatementCounter.HEADER, label)
            .get("/api/v1/public/grid-cards?lat=" + tree.lat() + "&lng=" + tree.lng());
        assertThat(card.status()).as(card.toString()).isEqualTo(200);
        assertThat(card.json().path("gridCode").asString()).isEqualTo(tree.micro().code());
        return printed(label, StatementCounter.statementsOf(label));
    }

    private static List<String> printed(String label, List<String> statements) {
        System.out.println("STATEMENTS " + label + ": " + statements.size());
        statements.forEach(sql -> System.out.println("  " + sql));
        return statements;
    }
}
