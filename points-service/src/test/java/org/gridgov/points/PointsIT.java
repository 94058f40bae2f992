package org.gridgov.points;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.points.internal.PointsJobs;
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
 * The Happiness Card through the REST API of the points module, each caller named by its {@link TestCaller} header
 * (staff scoped to their grid, residents and merchants to none of the tree) and registered as an existing account
 * ({@link KnownAccounts}). Incident points, grants to the entitled and who sees which ledger are
 * {@code PointsIntegrityIT}; the platform-wide flows (real accounts, the incident API, the
 * webhook outbox) are web-app's {@code PointsPlatformIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PointsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PointsLedger ledger;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    PointsJobs jobs;

    @Autowired
    PublishedRedemptions redemptions;

    @Autowired
    KnownAccounts accounts;

    HttpTestClient admin;
    Place place;

    /** district → street → community → general → micro, its staff, a resident, two partners and their merchants. */
    record Place(long community, long general, long micro, String microCode, String microPath, Person gridWorker,
            Person communityWorker, Person secondCommunityWorker, Person resident, long partner,
            HttpTestClient merchant, HttpTestClient otherMerchant) {
    }

    /** A caller of the points API: the id and username the points module keys a person's account by. */
    record Person(long id, String username, HttpTestClient client) {
    }

    @BeforeEach
    void setUp() {
        admin = HttpTestClient.at(port).as(TestCaller.admin());
        TestTree tree = new GridTreeFixture(admin).tree();
        long communityId = tree.community().id();
        long partner = partner(communityId);
        long otherPartner = partner(communityId);
        place = new Place(communityId, tree.general().id(), tree.micro().id(), tree.micro().code(),
                jdbc.queryForObject("select path from grid_node where id = ?", String.class, tree.micro().id()),
                person(TestCaller.gridWorker(tree.micro().id())), person(TestCaller.communityWorker(communityId)),
                person(TestCaller.communityWorker(communityId)), person(TestCaller.resident()), partner,
                person(TestCaller.merchant(partner)).client(), person(TestCaller.merchant(otherPartner)).client());
    }

    long partner(long communityId) {
        var created = admin.post("/api/v1/points/partners", "{\"name\":\"社区便利店\",\"kind\":\"MERCHANT\","
                + "\"contactName\":\"李\",\"contactPhone\":\"028-1234\",\"communityId\":" + communityId + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    Person person(TestCaller caller) {
        accounts.register(caller);
        return new Person(caller.accountId(), caller.username(), HttpTestClient.at(port).as(caller));
    }

    /** Points for a person straight from issuance (what approvals do), for tests about spending. */
    void give(Person person, long points) {
        tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, UUID.randomUUID().toString(), null, "test",
                ledger.issuanceAccount(), ledger.personAccount(person.id(), person.username()), points)));
    }

    long balance(Person person) {
        return person.client().get("/api/v1/points/me").json().path("balance").asLong();
    }

    JsonNode item(int price, Integer stock, String extra) {
        var created = place.communityWorker().client().post("/api/v1/points/items", "{\"partnerId\":" + place.partner()
                + ",\"name\":\"洗衣服务\",\"description\":\"一次\",\"price\":" + price
                + (stock == null ? "" : ",\"stock\":" + stock) + extra + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    HttpTestClient.Response redeem(Person person, long itemId) {
        return person.client().header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/points/items/" + itemId + "/redeem", "{}");
    }

    JsonNode recordService(Person person, String type, String extra) {
        var recorded = person.client().header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/points/service-records", "{\"typeCode\":\"" + type + "\",\"description\":\"入户燃气安全检查\","
                    + "\"beneficiary\":\"3栋2单元\",\"place\":\"三义桥\"" + extra + "}");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        return recorded.json();
    }

    long entries() {
        return jdbc.queryForObject("select count(*) from journal_entry", Long.class);
    }

    @Test
    void a_recorded_service_once_approved_pays_points_that_buy_an_item_the_merchant_verifies() {
        Person worker = place.gridWorker();
        String key = UUID.randomUUID().toString();
        String body = "{\"typeCode\":\"GAS_CHECK\",\"description\":\"燃气排查\"}";
        var recorded = worker.client().header("Idempotency-Key", key).post("/api/v1/points/service-records", body);
        var retried = worker.client().header("Idempotency-Key", key).post("/api/v1/points/service-records", body);
        long id = recorded.json().path("id").asLong();
        assertThat(retried.json().path("id").asLong()).isEqualTo(id);
        assertThat(recorded.json().path("state").asString()).isEqualTo("SUBMITTED");

        // the community's workers are told (by role at the community, the worker by display name — KnownAccounts
        // registers "名" + login — never by the login alone); the worker who recorded it is not
        JsonNode told = place.communityWorker().client().get("/api/v1/me/notifications").json().path("items");
        assertThat(told).anySatisfy(n -> {
            assertThat(n.path("kind").asString()).isEqualTo("SERVICE_RECORD_TO_REVIEW");
            assertThat(n.path("subjectType").asString()).isEqualTo("service-record");
            assertThat(n.path("subjectId").asLong()).isEqualTo(id);
            assertThat(n.path("message").asString()).startsWith("服务记录待审核：名" + worker.username() + " ");
        });
        assertThat(place.secondCommunityWorker().client().get("/api/v1/me/notifications/unread-count").json()
            .path("unread").asLong()).isPositive();
        assertThat(worker.client().get("/api/v1/me/notifications").body()).doesNotContain("SERVICE_RECORD_TO_REVIEW");

        // the community worker finds it in the review queue and approves it; a double click pays once
        assertThat(place.communityWorker().client().get("/api/v1/points/service-records?review=true").body())
            .contains("\"id\":" + id);
        var approved = place.communityWorker().client().post("/api/v1/points/service-records/" + id + "/approve",
                "{\"note\":\"核实\"}");
        var again = place.secondCommunityWorker().client().post("/api/v1/points/service-records/" + id + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("pointsAwarded").asInt()).isEqualTo(10);
        assertThat(again.status()).isEqualTo(409);
        assertThat(balance(worker)).isEqualTo(10);
        JsonNode history = worker.client().get("/api/v1/points/me/entries").json().path("items");
        assertThat(history.get(0).path("type").asString()).isEqualTo("EARN");
        assertThat(history.get(0).path("rule").asString()).startsWith("GAS_CHECK v");
        assertThat(history.get(0).path("balanceAfter").asLong()).isEqualTo(10);

        // it ranks the worker in the community this month
        assertThat(place.communityWorker().client().get("/api/v1/points/rankings?nodeId=" + place.community()).json()
            .get(0).path("personId").asLong()).isEqualTo(worker.id());

        // redeem: points held, one unit of stock taken, a code
        long itemId = item(8, 3, "").path("id").asLong();
        assertThat(worker.client().get("/api/v1/points/items").body()).contains("\"id\":" + itemId);
        var redeemed = redeem(worker, itemId);
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        String code = redeemed.json().path("code").asString();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{10}");
        JsonNode mine = worker.client().get("/api/v1/points/me").json();
        assertThat(mine.path("held").asLong()).isEqualTo(8);
        assertThat(mine.path("available").asLong()).isEqualTo(2);
        assertThat(worker.client().get("/api/v1/points/me/redemptions").body()).contains(code);
        // integrators are told (points.redeemed, through the outbox: PointsPlatformIT), without the voucher code
        var event = redemptions.of(redeemed.json().path("id").asLong());
        assertThat(event.price()).isEqualTo(8);
        assertThat(event.toString()).doesNotContain(code);

        // another merchant cannot verify it; this one can, once
        var wrongMerchant = place.otherMerchant().post("/api/v1/points/redemptions/verify", "{\"code\":\"" + code + "\"}");
        assertThat(wrongMerchant.status()).isEqualTo(403);
        assertThat(wrongMerchant.json().path("code").asString()).isEqualTo("points.redemption.other-partner");
        var verified = place.merchant().post("/api/v1/points/redemptions/verify", "{\"code\":\"" + code.toLowerCase() + "\"}");
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().path("state").asString()).isEqualTo("VERIFIED");
        var twice = place.merchant().post("/api/v1/points/redemptions/verify", "{\"code\":\"" + code + "\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("code").asString()).isEqualTo("points.redemption.already-verified");

        mine = worker.client().get("/api/v1/points/me").json();
        assertThat(mine.path("balance").asLong()).isEqualTo(2);
        assertThat(mine.path("held").asLong()).isZero();
        assertThat(place.merchant().get("/api/v1/points/redemptions").body()).contains(code);
        assertThat(jdbc.queryForObject("select stock from mall_item where id = ?", Integer.class, itemId)).isEqualTo(2);
        LedgerInvariants.hold(jdbc);
    }

    @Test
    void nobody_approves_their_own_service_record_and_rejections_pay_nothing() {
        Person worker = place.communityWorker();
        long own = recordService(worker, "HOME_VISIT", "").path("id").asLong();
        long entries = entries();

        var self = worker.client().post("/api/v1/points/service-records/" + own + "/approve", "{}");
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.json().path("code").asString()).isEqualTo("points.service.own-record");
        var rejected = place.secondCommunityWorker().client().post("/api/v1/points/service-records/" + own + "/reject",
                "{\"reason\":\"照片不清晰\"}");
        assertThat(rejected.json().path("state").asString()).isEqualTo("REJECTED");
        assertThat(entries()).isEqualTo(entries);
        assertThat(balance(worker)).isZero();
        // a grid worker may not review at all
        long other = recordService(place.resident(), "VOLUNTEER_HOURS", ",\"hours\":1.5,\"gridCode\":\""
                + place.microCode() + "\"").path("id").asLong();
        assertThat(place.gridWorker().client().post("/api/v1/points/service-records/" + other + "/approve", "{}")
            .status()).isEqualTo(403);
    }

    @Test
    void per_hour_services_pay_by_the_hour_up_to_the_monthly_cap() {
        Person volunteer = place.resident();
        String grid = ",\"gridCode\":\"" + place.microCode() + "\"";
        var missingHours = volunteer.client().post("/api/v1/points/service-records",
                "{\"typeCode\":\"VOLUNTEER_HOURS\",\"description\":\"x\"" + grid + "}");
        assertThat(missingHours.status()).isEqualTo(400);
        assertThat(missingHours.body()).contains("\"hours\"");

        int paid = 0;
        for (int i = 0; i < 5; i++) { // 5 × 8 h × 10 = 400 against a cap of 300
            long id = recordService(volunteer, "VOLUNTEER_HOURS", ",\"hours\":8" + grid).path("id").asLong();
            paid += place.communityWorker().client().post("/api/v1/points/service-records/" + id + "/approve", "{}")
                .json().path("pointsAwarded").asInt();
        }
        assertThat(paid).isEqualTo(300);
        assertThat(balance(volunteer)).isEqualTo(300);
    }

    @Test
    void bad_redemptions_are_refused_clearly_and_hold_nothing() {
        Person resident = place.resident();
        give(resident, 20);
        long soldOut = item(5, 0, "").path("id").asLong();
        long expired = item(5, null, ",\"validFrom\":\"2020-01-01T00:00:00Z\",\"validUntil\":\"2020-02-01T00:00:00Z\"")
            .path("id").asLong();
        long onePerPerson = item(5, null, ",\"limitPerPerson\":1").path("id").asLong();
        long dear = item(50, null, "").path("id").asLong();
        long entries = entries();

        var out = redeem(resident, soldOut);
        assertThat(out.status()).isEqualTo(409);
        assertThat(out.json().path("code").asString()).isEqualTo("points.item.out-of-stock");
        assertThat(out.body()).contains("\"itemId\"");
        assertThat(redeem(resident, expired).json().path("code").asString()).isEqualTo("points.item.not-available");
        var tooDear = redeem(resident, dear);
        assertThat(tooDear.status()).isEqualTo(422);
        assertThat(tooDear.json().path("code").asString()).isEqualTo("points.insufficient-balance");
        assertThat(redeem(resident, onePerPerson).status()).isEqualTo(201);
        assertThat(redeem(resident, onePerPerson).json().path("code").asString()).isEqualTo("points.item.limit-reached");
        var unknown = place.merchant().post("/api/v1/points/redemptions/verify", "{\"code\":\"0000000000\"}");
        assertThat(unknown.status()).isEqualTo(404);

        JsonNode mine = resident.client().get("/api/v1/points/me").json();
        assertThat(mine.path("balance").asLong()).isEqualTo(20);
        assertThat(mine.path("held").asLong()).isEqualTo(5);
        assertThat(entries()).isEqualTo(entries);
        var zeroPrice = place.communityWorker().client().post("/api/v1/points/items", "{\"partnerId\":"
                + place.partner() + ",\"name\":\"x\",\"price\":0}");
        assertThat(zeroPrice.status()).isEqualTo(400);
        assertThat(zeroPrice.body()).contains("\"price\"");
    }

    @Test
    void an_unverified_redemption_expires_refunded_with_its_stock_released() {
        Person resident = place.resident();
        give(resident, 10);
        long itemId = item(6, 1, "").path("id").asLong();
        JsonNode redemption = redeem(resident, itemId).json();
        jdbc.update("update redemption set expires_at = now() - interval '1 minute' where id = ?",
                redemption.path("id").asLong());

        jobs.expireRedemptions();

        assertThat(jdbc.queryForObject("select state from redemption where id = ?", String.class,
                redemption.path("id").asLong())).isEqualTo("EXPIRED");
        JsonNode mine = resident.client().get("/api/v1/points/me").json();
        assertThat(mine.path("balance").asLong()).isEqualTo(10);
        assertThat(mine.path("held").asLong()).isZero();
        assertThat(jdbc.queryForObject("select stock from mall_item where id = ?", Integer.class, itemId)).isOne();
        var late = place.merchant().post("/api/v1/points/redemptions/verify",
                "{\"code\":\"" + redemption.path("code").asString() + "\"}");
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void donations_fill_the_pool_and_a_second_worker_approves_grants_that_the_public_sees_anonymised() {
        Person resident = place.resident();
        give(resident, 100);
        long entries = entries();
        var zero = resident.client().post("/api/v1/points/me/donations", "{\"amount\":0,\"communityId\":"
                + place.community() + "}");
        var negative = resident.client().post("/api/v1/points/me/donations", "{\"amount\":-5,\"communityId\":"
                + place.community() + "}");
        var tooMuch = resident.client().post("/api/v1/points/me/donations", "{\"amount\":101,\"communityId\":"
                + place.community() + "}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("errors").get(0).path("field").asString()).isEqualTo("amount");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(entries()).isEqualTo(entries);

        for (int i = 0; i < 6; i++) {
            var donated = resident.client().header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/points/me/donations", "{\"amount\":10,\"communityId\":" + place.community() + "}");
            assertThat(donated.status()).as(donated.toString()).isEqualTo(201);
        }
        // the grid worker's own community is found from their scope
        give(place.gridWorker(), 5);
        assertThat(place.gridWorker().client().post("/api/v1/points/me/donations", "{\"amount\":5}").status())
            .isEqualTo(201);
        JsonNode publicPool = HttpTestClient.at(port).get("/api/v1/public/points/pools/" + place.community()).json();
        assertThat(publicPool.path("balance").asLong()).isEqualTo(65);

        // a grid worker of the community in difficulty (grants to residents' records: PointsIntegrityIT)
        Person beneficiary = person(TestCaller.gridWorker(place.micro()));
        var proposed = place.communityWorker().client().post("/api/v1/points/pools/" + place.community() + "/grants",
                "{\"accountId\":" + beneficiary.id() + ",\"amount\":50,\"reason\":\"独居老人生活困难\"}");
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        long grant = proposed.json().path("id").asLong();
        // the second worker learns there is a grant to approve
        assertThat(place.secondCommunityWorker().client().get("/api/v1/me/notifications").json().path("items"))
            .anySatisfy(n -> {
                assertThat(n.path("kind").asString()).isEqualTo("GRANT_TO_APPROVE");
                assertThat(n.path("subjectId").asLong()).isEqualTo(grant);
                assertThat(n.path("message").asString()).contains("50 积分");
            });
        var self = place.communityWorker().client().post("/api/v1/points/grants/" + grant + "/approve", "{}");
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.json().path("code").asString()).isEqualTo("points.grant.four-eyes");
        var approved = place.secondCommunityWorker().client().post("/api/v1/points/grants/" + grant + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("state").asString()).isEqualTo("APPROVED");
        assertThat(balance(beneficiary)).isEqualTo(50);

        var tooBig = place.communityWorker().client().post("/api/v1/points/pools/" + place.community() + "/grants",
                "{\"accountId\":" + beneficiary.id() + ",\"amount\":16,\"reason\":\"再次资助\"}");
        var refused = place.secondCommunityWorker().client().post("/api/v1/points/grants/"
                + tooBig.json().path("id").asLong() + "/approve", "{}");
        assertThat(refused.status()).isEqualTo(422);

        var anonymous = HttpTestClient.at(port).get("/api/v1/public/points/pools/" + place.community());
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("balance").asLong()).isEqualTo(15);
        assertThat(anonymous.json().path("entries")).hasSize(8);
        assertThat(anonymous.body()).doesNotContain(beneficiary.username()).doesNotContain(resident.username())
            .doesNotContain("独居老人").contains("beneficiary #" + grant);
        LedgerInvariants.hold(jdbc);
    }

    @Test
    void spends_donations_and_redemptions_from_many_threads_keep_every_invariant() throws Exception {
        List<Person> people = List.of(place.resident(), place.gridWorker(), person(TestCaller.resident()),
                person(TestCaller.resident()));
        people.forEach(p -> give(p, 200));
        int initialStock = 30;
        long itemId = item(7, initialStock, "").path("id").asLong();
        long shop = tx.execute(s -> ledger.merchantAccount(place.partner()));
        List<String> codes = java.util.Collections.synchronizedList(new ArrayList<>());

        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            Person p = people.get(t % people.size());
            work.add(() -> {
                for (int i = 0; i < 15; i++) {
                    switch (ThreadLocalRandom.current().nextInt(4)) {
                        case 0 -> {
                            var r = redeem(p, itemId);
                            assertThat(r.status()).as(r.toString()).isIn(201, 409, 422);
                            if (r.status() == 201) {
                                codes.add(r.json().path("code").asString());
                            }
                        }
                        case 1 -> {
                            var d = p.client().post("/api/v1/points/me/donations", "{\"amount\":"
                                    + (1 + ThreadLocalRandom.current().nextInt(9)) + ",\"communityId\":"
                                    + place.community() + "}");
                            assertThat(d.status()).as(d.toString()).isIn(201, 422);
                        }
                        case 2 -> {
                            try {
                                tx.execute(s -> ledger.post(Transfer.of(EntryType.REDEEM, UUID.randomUUID().toString(),
                                        null, "t", ledger.personAccount(p.id(), p.username()), shop,
                                        1 + ThreadLocalRandom.current().nextInt(15))));
                            }
                            catch (org.gridgov.shared.DomainException e) {
                                assertThat(e.code()).isEqualTo("points.insufficient-balance");
                            }
                        }
                        default -> {
                            if (!codes.isEmpty()) {
                                String code = codes.get(ThreadLocalRandom.current().nextInt(codes.size()));
                                var v = place.merchant().post("/api/v1/points/redemptions/verify",
                                        "{\"code\":\"" + code + "\"}");
                                assertThat(v.status()).as(v.toString()).isIn(200, 409);
                            }
                        }
                    }
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        for (Future<Void> f : pool.invokeAll(work)) {
            f.get();
        }
        pool.shutdown();

        LedgerInvariants.hold(jdbc);
        Integer stock = jdbc.queryForObject("select stock from mall_item where id = ?", Integer.class, itemId);
        Long taken = jdbc.queryForObject("select count(*) from redemption where item_id = ? and state in "
                + "('VERIFIED', 'PENDING')", Long.class, itemId);
        assertThat(stock).isGreaterThanOrEqualTo(0).isEqualTo(initialStock - taken.intValue());
        assertThat(taken).isEqualTo(codes.size());
        for (Person p : people) {
            assertThat(balance(p)).isNotNegative();
        }
    }
}
