package org.gridgov.points;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.shared.event.IncidentClosed;
import org.gridgov.shared.event.IncidentRated;
import org.gridgov.shared.event.IncidentResolved;
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

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Points that cannot be gamed (issue 15): incident points only for a close the reporter confirmed, to whoever
 * resolved last, never for one's own report, within a monthly cap; the satisfaction ranking credits the grid's worker;
 * welfare-pool grants only to a person of the community or to a resident's record (a voucher); community workers open
 * the ledgers of the people in their scope; amounts are whole numbers. What the incident module does is done here by
 * publishing its shared-kernel events, as it publishes them; accounts and residents that exist are registered with
 * {@link KnownAccounts} and {@link KnownResidents}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PointsIntegrityIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PointsLedger ledger;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    KnownAccounts accounts;

    @Autowired
    KnownResidents residents;

    TestTree tree;
    String microPath;
    String communityPath;
    Person gridWorker;
    Person communityWorker;
    Person secondCommunityWorker;
    Person resident;

    record Person(long id, String username, HttpTestClient client) {
    }

    @BeforeEach
    void setUp() {
        tree = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin())).tree();
        microPath = path(tree.micro().id());
        communityPath = path(tree.community().id());
        gridWorker = person(TestCaller.gridWorker(tree.micro().id()));
        communityWorker = person(TestCaller.communityWorker(tree.community().id()));
        secondCommunityWorker = person(TestCaller.communityWorker(tree.community().id()));
        resident = person(TestCaller.resident());
    }

    String path(long gridId) {
        return jdbc.queryForObject("select path from grid_node where id = ?", String.class, gridId);
    }

    Person person(TestCaller caller) {
        accounts.register(caller);
        return new Person(caller.accountId(), caller.username(), HttpTestClient.at(port).as(caller));
    }

    long balance(Person person) {
        return person.client().get("/api/v1/points/me").json().path("balance").asLong();
    }

    void give(Person person, long points) {
        tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, UUID.randomUUID().toString(), null, "test",
                ledger.issuanceAccount(), ledger.personAccount(person.id(), person.username()), points)));
    }

    /** Publishes an event in a transaction of its own, as the incident module does; listeners run after commit. */
    void publish(Object event) {
        tx.executeWithoutResult(s -> events.publishEvent(event));
    }

    IncidentClosed closed(long incident, Long reporter, Person resolver, boolean onTime, boolean confirmed) {
        return new IncidentClosed(incident, "GG-" + incident, "ENVIRONMENT", tree.micro().id(), microPath, reporter,
                reporter == null ? null : Role.RESIDENT, resolver.id(), resolver.username(), onTime, confirmed,
                Instant.now());
    }

    String outcome(long incident) {
        await().atMost(ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from incident_earning where incident_id = ?", Long.class, incident) == 1);
        return jdbc.queryForObject("select outcome from incident_earning where incident_id = ?", String.class,
                incident);
    }

    // ---------------------------------------------------------------- 9. incident points

    @Test
    void a_resolution_earns_nothing_until_the_reporter_confirms_the_close_and_then_whoever_resolved_last_earns_once() {
        Person generalWorker = person(TestCaller.gridWorker(tree.general().id()));
        long incident = Unique.next();
        // the micro grid's worker resolves on time: the incident module says so — no points yet
        publish(new IncidentResolved(incident, "GG-" + incident, "ENVIRONMENT", tree.micro().id(), microPath,
                gridWorker.id(), gridWorker.username(), true, Instant.now()));
        await().during(ofSeconds(1)).atMost(ofSeconds(5)).until(() -> balance(gridWorker) == 0);

        // the resident rejects it (reopened), the general grid's worker resolves it again, the resident is satisfied:
        // the incident closes with the reporter's confirmation, delivered twice
        publish(new IncidentResolved(incident, "GG-" + incident, "ENVIRONMENT", tree.general().id(),
                path(tree.general().id()), generalWorker.id(), generalWorker.username(), true, Instant.now()));
        IncidentClosed close = closed(incident, resident.id(), generalWorker, true, true);
        publish(close);
        publish(close);

        assertThat(outcome(incident)).isEqualTo("PAID");
        await().atMost(ofSeconds(20)).until(() -> balance(generalWorker) == 5);
        await().during(ofSeconds(1)).atMost(ofSeconds(5)).until(() -> balance(generalWorker) == 5);
        assertThat(balance(gridWorker)).isZero();
        JsonNode entry = generalWorker.client().get("/api/v1/points/me/entries").json().path("items").get(0);
        assertThat(entry.path("sourceRef").asString()).isEqualTo("incident:" + incident);
        assertThat(entry.path("rule").asString()).contains("reporter's confirmation").contains("incident-monthly-cap");
        LedgerInvariants.hold(jdbc);
    }

    @Test
    void no_points_for_an_incident_the_worker_reported_or_one_that_closed_unconfirmed_or_late() {
        long own = Unique.next();
        long unrated = Unique.next();
        long late = Unique.next();
        // reported in their own grid, accepted and resolved within a second, "confirmed" by themselves
        publish(closed(own, gridWorker.id(), gridWorker, true, true));
        // nobody rated it: it closed by itself
        publish(closed(unrated, resident.id(), gridWorker, true, false));
        publish(closed(late, resident.id(), gridWorker, false, true));

        assertThat(outcome(own)).isEqualTo("SELF_REPORTED");
        assertThat(outcome(unrated)).isEqualTo("UNCONFIRMED");
        assertThat(outcome(late)).isEqualTo("LATE");
        assertThat(balance(gridWorker)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where source_ref in (?, ?, ?)", Long.class,
                "incident:" + own, "incident:" + unrated, "incident:" + late)).isZero();
    }

    @Test
    void incident_points_stop_at_the_monthly_cap() {
        // 21 confirmed closes × 5 points against the default cap of 100 a month
        for (int i = 0; i < 21; i++) {
            publish(closed(Unique.next(), resident.id(), gridWorker, true, true));
        }
        await().atMost(ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from incident_earning where person_id = ?", Long.class, gridWorker.id()) == 21);
        assertThat(balance(gridWorker)).isEqualTo(100);
        assertThat(jdbc.queryForList("select outcome from incident_earning where person_id = ? and outcome <> 'PAID'",
                String.class, gridWorker.id())).containsExactly("CAPPED");
    }

    // ---------------------------------------------------------------- 13. the satisfaction ranking

    @Test
    void the_satisfaction_ranking_credits_the_grid_worker_who_serves_the_grid_not_the_street_that_resolved() {
        Person street = person(TestCaller.streetOfficer(tree.street().id()));
        Person generalWorker = person(TestCaller.gridWorker(tree.general().id()));
        long first = Unique.next();
        // escalated to the street, resolved there, rated by the resident: it happened in the micro grid
        IncidentRated rated = new IncidentRated(first, "GG-" + first, 5, street.id(), street.username(), microPath,
                Instant.now(), tree.micro().id(), Role.STREET_OFFICER);
        publish(rated);
        publish(rated);
        String ranking = "/api/v1/points/rankings/satisfaction?nodeId=" + tree.community().id();
        await().atMost(ofSeconds(20)).until(() -> !communityWorker.client().get(ranking).json().isEmpty());
        JsonNode rows = communityWorker.client().get(ranking).json();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("personId").asLong()).isEqualTo(gridWorker.id());
        assertThat(rows.get(0).path("name").asString()).isEqualTo("名" + gridWorker.username());

        // the micro grid's worker has left (account disabled): its general grid's worker serves it now; an event
        // recorded before the grid's id was carried (0) finds the grid from its path
        accounts.disable(gridWorker.id());
        long second = Unique.next();
        publish(new IncidentRated(second, "GG-" + second, 3, street.id(), street.username(), microPath,
                Instant.now()));
        await().atMost(ofSeconds(20)).until(() -> communityWorker.client().get(ranking).json().size() == 2);
        rows = communityWorker.client().get(ranking).json();
        assertThat(rows.findValuesAsString("name")).doesNotContain("名" + street.username());
        assertThat(rows.get(1).path("personId").asLong()).isEqualTo(generalWorker.id());
        assertThat(rows.get(1).path("averageStars").asDouble()).isEqualTo(3.0);
    }

    // ---------------------------------------------------------------- 10. welfare-pool grants

    HttpTestClient.Response propose(String beneficiary, int amount) {
        return communityWorker.client().post("/api/v1/points/pools/" + tree.community().id() + "/grants",
                "{" + beneficiary + ",\"amount\":" + amount + ",\"reason\":\"冬季取暖补助\"}");
    }

    void fillPool(long points) {
        Person donor = person(TestCaller.resident());
        give(donor, points);
        assertThat(donor.client().post("/api/v1/points/me/donations", "{\"amount\":" + points + ",\"communityId\":"
                + tree.community().id() + "}").status()).isEqualTo(201);
    }

    @Test
    void a_grant_is_refused_for_anyone_but_a_person_of_the_community_and_nothing_is_recorded() {
        fillPool(100);
        long grants = jdbc.queryForObject("select count(*) from pool_grant", Long.class);
        Person merchant = person(TestCaller.merchant(1));
        Person admin = person(TestCaller.admin());
        TestTree elsewhere = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin())).tree();
        Person otherWorker = person(TestCaller.gridWorker(elsewhere.micro().id()));
        long otherResident = residents.livingIn(elsewhere.micro().id(), path(elsewhere.micro().id()));

        expect(propose("\"accountId\":" + Unique.next(), 10), 422, "points.grant.beneficiary-unknown", "accountId");
        expect(propose("\"accountId\":" + merchant.id(), 10), 422, "points.grant.beneficiary-not-a-person",
                "accountId");
        expect(propose("\"accountId\":" + admin.id(), 10), 422, "points.grant.beneficiary-not-a-person", "accountId");
        // a resident's app account is bound to no grid: residents are granted through their record
        expect(propose("\"accountId\":" + resident.id(), 10), 422, "points.grant.beneficiary-not-in-community",
                "accountId");
        expect(propose("\"accountId\":" + otherWorker.id(), 10), 422, "points.grant.beneficiary-not-in-community",
                "accountId");
        expect(propose("\"residentId\":" + otherResident, 10), 422, "points.grant.beneficiary-not-in-community",
                "residentId");
        expect(propose("\"residentId\":" + Unique.next(), 10), 422, "points.grant.resident-unknown", "residentId");
        expect(propose("\"reasonOnly\":1", 10), 400, "points.grant.beneficiary-required", "accountId");
        expect(propose("\"accountId\":" + gridWorker.id() + ",\"residentId\":" + otherResident, 10), 400,
                "points.grant.beneficiary-required", "accountId");
        assertThat(jdbc.queryForObject("select count(*) from pool_grant", Long.class)).isEqualTo(grants);

        // a grid worker of the community is a person of it; the old field name still names an account
        var proposed = propose("\"beneficiaryId\":" + gridWorker.id(), 30);
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        assertThat(proposed.json().path("beneficiaryId").asLong()).isEqualTo(gridWorker.id());
        // who left meanwhile is checked again at approval
        accounts.disable(gridWorker.id());
        expect(secondCommunityWorker.client().post("/api/v1/points/grants/" + proposed.json().path("id").asLong()
                + "/approve", "{}"), 422, "points.grant.beneficiary-unknown", "accountId");
    }

    void expect(HttpTestClient.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("code").asString()).isEqualTo(code);
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }

    @Test
    void a_grant_to_an_elderly_residents_record_becomes_a_voucher_the_community_hands_over_and_a_partner_honours() {
        fillPool(100);
        long elderly = residents.livingIn(tree.micro().id(), microPath);
        var proposed = propose("\"residentId\":" + elderly, 40);
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        var approved = secondCommunityWorker.client().post("/api/v1/points/grants/" + proposed.json().path("id")
            .asLong() + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        JsonNode voucher = approved.json().path("voucher");
        String code = voucher.path("code").asString();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(voucher.path("state").asString()).isEqualTo("ISSUED");
        assertThat(voucher.path("residentId").asLong()).isEqualTo(elderly);
        assertThat(HttpTestClient.at(port).get("/api/v1/public/points/pools/" + tree.community().id()).json()
            .path("balance").asLong()).isEqualTo(60);
        // the community worker finds the code again in the pool's grants, to print it
        assertThat(communityWorker.client().get("/api/v1/points/pools/" + tree.community().id() + "/grants").body())
            .contains(code);

        // partners: of this community, of another, of none
        long here = partner(tree.community().id());
        TestTree elsewhere = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin())).tree();
        Person merchant = person(TestCaller.merchant(here));
        Person otherMerchant = person(TestCaller.merchant(partner(elsewhere.community().id())));
        var checked = merchant.client().post("/api/v1/points/grant-vouchers/check", "{\"code\":\"" + code + "\"}");
        assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
        assertThat(checked.json().path("amount").asInt()).isEqualTo(40);
        assertThat(checked.json().path("residentId").asLong(0)).as("a partner learns nothing of the resident")
            .isZero();
        var wrongCommunity = otherMerchant.client().post("/api/v1/points/grant-vouchers/redeem",
                "{\"code\":\"" + code + "\"}");
        assertThat(wrongCommunity.status()).isEqualTo(403);
        assertThat(wrongCommunity.json().path("code").asString()).isEqualTo("points.voucher.other-community");
        var redeemed = merchant.client().post("/api/v1/points/grant-vouchers/redeem",
                "{\"code\":\"" + code.toLowerCase() + "\"}");
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(200);
        assertThat(redeemed.json().path("state").asString()).isEqualTo("REDEEMED");
        var twice = merchant.client().post("/api/v1/points/grant-vouchers/redeem", "{\"code\":\"" + code + "\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("code").asString()).isEqualTo("points.voucher.already-used");
        assertThat(tx.execute(s -> ledger.balance(ledger.merchantAccount(here))).balance()).isEqualTo(40);
        assertThat(communityWorker.client().post("/api/v1/points/grant-vouchers/check", "{\"code\":\"" + code + "\"}")
            .json().path("state").asString()).isEqualTo("REDEEMED");
        // another community's staff do not find it
        assertThat(person(TestCaller.communityWorker(elsewhere.community().id())).client()
            .post("/api/v1/points/grant-vouchers/check", "{\"code\":\"" + code + "\"}").status()).isEqualTo(404);
        LedgerInvariants.hold(jdbc);
    }

    @Test
    void a_resident_who_gets_the_app_claims_their_voucher_into_their_own_account_once() {
        fillPool(50);
        long elderly = residents.livingIn(tree.micro().id(), microPath);
        long grant = propose("\"residentId\":" + elderly, 20).json().path("id").asLong();
        String code = secondCommunityWorker.client().post("/api/v1/points/grants/" + grant + "/approve", "{}").json()
            .path("voucher").path("code").asString();

        var staff = gridWorker.client().post("/api/v1/points/me/grant-vouchers/claim", "{\"code\":\"" + code + "\"}");
        assertThat(staff.status()).isEqualTo(403);
        var claimed = resident.client().post("/api/v1/points/me/grant-vouchers/claim", "{\"code\":\"" + code + "\"}");
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimed.json().path("state").asString()).isEqualTo("CLAIMED");
        assertThat(balance(resident)).isEqualTo(20);
        assertThat(resident.client().post("/api/v1/points/me/grant-vouchers/claim", "{\"code\":\"" + code + "\"}")
            .status()).isEqualTo(409);
        assertThat(resident.client().post("/api/v1/points/me/grant-vouchers/claim", "{\"code\":\"0000000000\"}")
            .status()).isEqualTo(404);
        LedgerInvariants.hold(jdbc);
    }

    long partner(long communityId) {
        var created = HttpTestClient.at(port).as(TestCaller.admin()).post("/api/v1/points/partners",
                "{\"name\":\"社区助餐点\",\"kind\":\"SOCIAL_ENTERPRISE\",\"communityId\":" + communityId + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    // ---------------------------------------------------------------- 11. ledgers in scope

    @Test
    void a_community_worker_opens_the_ledgers_of_the_people_in_their_scope_and_no_others() {
        give(gridWorker, 12);
        long ledgerAccount = gridWorker.client().get("/api/v1/points/me").json().path("accountId").asLong();
        give(resident, 3);
        long residentLedger = resident.client().get("/api/v1/points/me").json().path("accountId").asLong();
        TestTree elsewhere = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin())).tree();
        Person otherCommunityWorker = person(TestCaller.communityWorker(elsewhere.community().id()));

        var byLedger = communityWorker.client().get("/api/v1/points/accounts/" + ledgerAccount + "/entries");
        assertThat(byLedger.status()).as(byLedger.toString()).isEqualTo(200);
        assertThat(byLedger.json().path("items").get(0).path("balanceAfter").asLong()).isEqualTo(12);
        var byPerson = communityWorker.client().get("/api/v1/points/people/" + gridWorker.id() + "/entries");
        assertThat(byPerson.status()).as(byPerson.toString()).isEqualTo(200);
        assertThat(byPerson.json().path("items")).hasSize(1);
        assertThat(person(TestCaller.streetOfficer(tree.street().id())).client()
            .get("/api/v1/points/people/" + gridWorker.id() + "/entries").status()).isEqualTo(200);
        // a colleague who has earned nothing yet: an empty ledger, not an error
        Person newcomer = person(TestCaller.gridWorker(tree.micro().id()));
        assertThat(communityWorker.client().get("/api/v1/points/people/" + newcomer.id() + "/entries").json()
            .path("items")).isEmpty();

        // outside my scope a ledger does not exist: another community's worker, residents (bound to no grid)
        assertThat(otherCommunityWorker.client().get("/api/v1/points/accounts/" + ledgerAccount + "/entries")
            .status()).isEqualTo(404);
        assertThat(otherCommunityWorker.client().get("/api/v1/points/people/" + gridWorker.id() + "/entries")
            .status()).isEqualTo(404);
        assertThat(communityWorker.client().get("/api/v1/points/accounts/" + residentLedger + "/entries").status())
            .isEqualTo(404);
        assertThat(communityWorker.client().get("/api/v1/points/people/" + Unique.next() + "/entries").status())
            .isEqualTo(404);
        assertThat(HttpTestClient.at(port).as(TestCaller.admin())
            .get("/api/v1/points/accounts/" + residentLedger + "/entries").status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- 12. whole numbers

    @Test
    void amounts_with_a_fraction_are_refused_naming_the_field_not_cut_to_their_integer_part() {
        give(resident, 10);
        fillPool(20);
        long entries = jdbc.queryForObject("select count(*) from journal_entry", Long.class);
        long grants = jdbc.queryForObject("select count(*) from pool_grant", Long.class);

        expectFraction(resident.client().post("/api/v1/points/me/donations", "{\"amount\":1.9,\"communityId\":"
                + tree.community().id() + "}"), "amount");
        expectFraction(resident.client().post("/api/v1/points/me/donations", "{\"amount\":2.0,\"communityId\":"
                + tree.community().id() + "}"), "amount");
        expectFraction(communityWorker.client().post("/api/v1/points/pools/" + tree.community().id() + "/grants",
                "{\"accountId\":" + gridWorker.id() + ",\"amount\":1.9,\"reason\":\"冬季取暖补助\"}"), "amount");
        expectFraction(communityWorker.client().post("/api/v1/points/items", "{\"partnerId\":"
                + partner(tree.community().id()) + ",\"name\":\"洗衣\",\"price\":8.5}"), "price");
        expectFraction(HttpTestClient.at(port).as(TestCaller.admin()).put("/api/v1/points/service-types/HALF",
                "{\"name\":\"半\",\"ruleKind\":\"FIXED\",\"points\":2.5}"), "points");

        assertThat(jdbc.queryForObject("select count(*) from journal_entry", Long.class)).isEqualTo(entries);
        assertThat(jdbc.queryForObject("select count(*) from pool_grant", Long.class)).isEqualTo(grants);
        assertThat(balance(resident)).isEqualTo(10);
    }

    void expectFraction(HttpTestClient.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).contains("problem+json");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }
}
