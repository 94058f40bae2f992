package org.gridgov.points;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.shared.scope.DataScope;
import org.gridgov.testing.TestScopes;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The points module's reads see only the caller's part of the grid tree: the review queue, the rankings and the
 * ledger browser, whose SQL takes its scope predicate from {@link DataScope#sql(String)}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PointsDataScopeIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PointsLedger ledger;

    @Autowired
    PointsQueries queries;

    @Autowired
    TransactionTemplate tx;

    TestTree mine;
    TestTree theirs;
    HttpTestClient myWorker;
    HttpTestClient theirWorker;
    TestCaller resident;

    @BeforeEach
    void setUp() {
        GridTreeFixture grids = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin()));
        mine = grids.tree();
        theirs = grids.tree();
        myWorker = as(TestCaller.communityWorker(mine.community().id()));
        theirWorker = as(TestCaller.communityWorker(theirs.community().id()));
        resident = TestCaller.resident();
    }

    @AfterEach
    void resetScope() {
        TestScopes.reset();
    }

    HttpTestClient as(TestCaller caller) {
        return HttpTestClient.at(port).as(caller);
    }

    DataScope scopeOf(TestTree.Node node) {
        return DataScope.subtree(node.id(),
                jdbc.queryForObject("select path from grid_node where id = ?", String.class, node.id()));
    }

    @Test
    void the_review_queue_and_the_rankings_show_only_the_callers_part_of_the_tree() {
        var recorded = as(resident).header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/points/service-records", "{\"typeCode\":\"VOLUNTEER_HOURS\",\"hours\":2,\"description\":"
                    + "\"陪老人就医\",\"gridCode\":\"" + mine.micro().code() + "\"}");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        String id = "\"id\":" + recorded.json().path("id").asLong();

        assertThat(myWorker.get("/api/v1/points/service-records?review=true&size=200").body()).contains(id);
        assertThat(as(TestCaller.admin()).get("/api/v1/points/service-records?review=true&size=200").body())
            .contains(id);
        assertThat(theirWorker.get("/api/v1/points/service-records?review=true&size=200").body())
            .doesNotContain(id);
        // residents and merchants have no part of the tree: their review queue is empty
        JsonNode none = as(resident).get("/api/v1/points/service-records?review=true").json();
        assertThat(none.path("items")).isEmpty();
        assertThat(none.path("total").asLong()).isZero();
        // another community's worker cannot even approve it
        assertThat(theirWorker.post("/api/v1/points/service-records/" + recorded.json().path("id").asLong()
                + "/approve", "{}").status()).isEqualTo(404);
        assertThat(myWorker.post("/api/v1/points/service-records/" + recorded.json().path("id").asLong()
                + "/approve", "{}").status()).isEqualTo(200);

        // the month's ranking counts the work in the subtree asked for: my community, my street, not theirs
        assertThat(myWorker.get("/api/v1/points/rankings?nodeId=" + mine.community().id()).json().get(0)
            .path("personId").asLong()).isEqualTo(resident.accountId());
        assertThat(as(TestCaller.streetOfficer(mine.street().id()))
            .get("/api/v1/points/rankings?nodeId=" + mine.street().id()).json().get(0).path("personId").asLong())
            .isEqualTo(resident.accountId());
        assertThat(theirWorker.get("/api/v1/points/rankings?nodeId=" + theirs.community().id()).json()).isEmpty();
        // outside my scope a ranking does not exist
        assertThat(theirWorker.get("/api/v1/points/rankings?nodeId=" + mine.community().id()).status())
            .isEqualTo(404);
        assertThat(theirWorker.get("/api/v1/points/rankings/satisfaction?nodeId=" + mine.community().id())
            .status()).isEqualTo(404);
    }

    @Test
    void the_ledger_browser_lists_the_accounts_inside_the_scope() {
        long person = tx.execute(s -> ledger.personAccount(resident.accountId(), resident.username()));
        tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, UUID.randomUUID().toString(), null, "test",
                ledger.issuanceAccount(), person, 20)));
        for (TestTree tree : List.of(mine, theirs)) {
            var donated = as(resident).post("/api/v1/points/me/donations",
                    "{\"amount\":10,\"communityId\":" + tree.community().id() + "}");
            assertThat(donated.status()).as(donated.toString()).isEqualTo(201);
        }

        TestScopes.use(scopeOf(mine.community()));
        assertThat(owners(queries.accounts("POOL", 100_000))).contains(mine.community().id())
            .doesNotContain(theirs.community().id());
        // a person's account belongs to no grid: only the whole city's scope lists it
        assertThat(ids(queries.accounts(null, 100_000))).doesNotContain(person);
        TestScopes.use(scopeOf(mine.street()));
        assertThat(owners(queries.accounts("POOL", 100_000))).contains(mine.community().id())
            .doesNotContain(theirs.community().id());
        TestScopes.use(DataScope.none());
        assertThat(queries.accounts(null, 100_000)).isEmpty();
        TestScopes.reset();
        assertThat(owners(queries.accounts("POOL", 100_000))).contains(mine.community().id(),
                theirs.community().id());
        assertThat(ids(queries.accounts("PERSON", 100_000))).contains(person);
    }

    static List<Long> owners(List<AccountSummary> accounts) {
        return accounts.stream().map(AccountSummary::ownerId).toList();
    }

    static List<Long> ids(List<AccountSummary> accounts) {
        return accounts.stream().map(AccountSummary::id).toList();
    }
}
