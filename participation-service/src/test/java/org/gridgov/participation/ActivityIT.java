package org.gridgov.participation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.HttpTestClient.Response;
import org.gridgov.testsupport.TestCaller;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridgov.participation.SpaceBookingIT.assertRefused;

/**
 * Activities through the REST API: the capacity and the waiting list under 50 concurrent sign-ups, a signed
 * one-time check-in code that 50 people race for, one check-in per person, volunteers' hours confirmed once and
 * published for the points module, refusals naming the field, and the data scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActivityIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PublishedVolunteering published;

    TestTree mine;
    TestTree theirs;
    HttpTestClient myWorker;

    @BeforeEach
    void setUp() {
        GridTreeFixture grids = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin()));
        mine = grids.tree();
        theirs = grids.tree();
        myWorker = as(TestCaller.communityWorker(mine.community().id()));
    }

    HttpTestClient as(TestCaller caller) {
        return HttpTestClient.at(port).as(caller);
    }

    long activity(int capacity, Instant startsAt) {
        Response created = myWorker.post("/api/v1/participation/activities", "{\"gridId\":" + mine.community().id()
                + ",\"title\":\"邻里月台读书会\",\"organiserKind\":\"GROUP\",\"organiserName\":\"三义桥读书会\","
                + "\"startsAt\":\"" + startsAt + "\",\"endsAt\":\"" + startsAt.plus(2, ChronoUnit.HOURS)
                + "\",\"capacity\":" + capacity + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        pool.shutdown();
        return results;
    }

    @Test
    void fifty_concurrent_sign_ups_fill_the_capacity_exactly_and_the_rest_wait_in_order() throws Exception {
        long id = activity(10, Instant.now().plus(3, ChronoUnit.DAYS));
        List<TestCaller> people = new ArrayList<>();
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TestCaller resident = TestCaller.resident();
            people.add(resident);
            calls.add(() -> as(resident).post("/api/v1/participation/activities/" + id + "/signups", "{}"));
        }
        List<Response> answers = race(calls);
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(answers.stream().filter(r -> r.json().path("state").asString().equals("SIGNED_UP"))).hasSize(10);
        assertThat(answers.stream().filter(r -> r.json().path("state").asString().equals("WAITING"))).hasSize(40);
        JsonNode activity = myWorker.get("/api/v1/participation/activities/" + id).json();
        assertThat(activity.path("signedUp").asLong()).isEqualTo(10);
        assertThat(activity.path("waiting").asLong()).isEqualTo(40);

        // a second sign-up of the same person is refused; a place given back goes to the first who waits
        TestCaller holder = people.get(answers.indexOf(answers.stream()
            .filter(r -> r.json().path("state").asString().equals("SIGNED_UP")).findFirst().orElseThrow()));
        assertThat(as(holder).post("/api/v1/participation/activities/" + id + "/signups", "{}").status())
            .isEqualTo(409);
        long firstWaiting = jdbc.queryForObject("select min(id) from participation_signup where activity_id = ? and "
                + "state = 'WAITING'", Long.class, id);
        assertThat(as(holder).post("/api/v1/participation/activities/" + id + "/signups/cancel", "{}").json()
            .path("state").asString()).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("select state from participation_signup where id = ?", String.class,
                firstWaiting)).isEqualTo("SIGNED_UP");
        assertThat(jdbc.queryForObject("select count(*) from participation_signup where activity_id = ? and "
                + "state = 'SIGNED_UP'", Long.class, id)).isEqualTo(10);
    }

    @Test
    void a_check_in_code_is_signed_and_accepted_once_and_a_person_checks_in_once() throws Exception {
        long id = activity(100, Instant.now().plus(10, ChronoUnit.MINUTES));
        List<TestCaller> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TestCaller resident = TestCaller.resident();
            people.add(resident);
            assertThat(as(resident).post("/api/v1/participation/activities/" + id + "/signups", "{}").status())
                .isEqualTo(201);
        }
        String code = myWorker.post("/api/v1/participation/activities/" + id + "/check-in-codes", "{}").json()
            .path("code").asString();
        List<Callable<Response>> calls = new ArrayList<>();
        for (TestCaller person : people) {
            calls.add(() -> as(person).post("/api/v1/participation/activities/" + id + "/check-in",
                    "{\"code\":\"" + code + "\"}"));
        }
        List<Response> answers = race(calls);
        assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() != 200)).hasSize(49)
            .allSatisfy(r -> assertThat(r.json().path("code").asString()).as(r.toString())
                .isEqualTo("participation.checkin.code-used"));
        TestCaller first = people.get(answers.indexOf(answers.stream().filter(r -> r.status() == 200).findFirst()
            .orElseThrow()));

        // a fresh code does not check the same person in twice
        String fresh = myWorker.post("/api/v1/participation/activities/" + id + "/check-in-codes", "{}").json()
            .path("code").asString();
        assertRefused(as(first).post("/api/v1/participation/activities/" + id + "/check-in",
                "{\"code\":\"" + fresh + "\"}"), 409, "participation.checkin.already", null);
        // the fresh code still serves the next person
        assertThat(as(people.get(people.indexOf(first) == 0 ? 1 : 0)).post("/api/v1/participation/activities/" + id
                + "/check-in", "{\"code\":\"" + fresh + "\"}").status()).isEqualTo(200);
        // a forged or foreign code is refused naming the field
        String forged = fresh.substring(0, fresh.lastIndexOf('.') + 1) + "AAAA";
        assertRefused(as(people.get(5)).post("/api/v1/participation/activities/" + id + "/check-in",
                "{\"code\":\"" + forged + "\"}"), 400, "participation.checkin.code-invalid", "code");
        long other = activity(5, Instant.now().plus(10, ChronoUnit.MINUTES));
        String foreign = myWorker.post("/api/v1/participation/activities/" + other + "/check-in-codes", "{}").json()
            .path("code").asString();
        assertRefused(as(people.get(5)).post("/api/v1/participation/activities/" + id + "/check-in",
                "{\"code\":\"" + foreign + "\"}"), 400, "participation.checkin.code-invalid", "code");
        // someone who has not signed up gets no check-in
        String another = myWorker.post("/api/v1/participation/activities/" + id + "/check-in-codes", "{}").json()
            .path("code").asString();
        assertRefused(as(TestCaller.resident()).post("/api/v1/participation/activities/" + id + "/check-in",
                "{\"code\":\"" + another + "\"}"), 422, "participation.checkin.not-signed-up", "code");
        assertThat(jdbc.queryForObject("select count(*) from participation_signup where activity_id = ? and "
                + "checked_in_at is not null", Long.class, id)).isEqualTo(2);
    }

    @Test
    void a_checked_in_volunteers_hours_are_confirmed_once_and_published_for_the_points_module() {
        long id = activity(20, Instant.now().plus(10, ChronoUnit.MINUTES));
        TestCaller volunteer = TestCaller.resident();
        long signup = as(volunteer).post("/api/v1/participation/activities/" + id + "/signups",
                "{\"role\":\"VOLUNTEER\"}").json().path("id").asLong();
        String hours = "{\"signupId\":" + signup + ",\"hours\":2.5}";
        assertRefused(myWorker.post("/api/v1/participation/activities/" + id + "/volunteer-hours", hours), 422,
                "participation.volunteer.not-checked-in", "signupId");
        String code = myWorker.post("/api/v1/participation/activities/" + id + "/check-in-codes", "{}").json()
            .path("code").asString();
        assertThat(as(volunteer).post("/api/v1/participation/activities/" + id + "/check-in",
                "{\"code\":\"" + code + "\"}").status()).isEqualTo(200);
        assertRefused(myWorker.post("/api/v1/participation/activities/" + id + "/volunteer-hours",
                "{\"signupId\":" + signup + ",\"hours\":30}"), 400, "participation.volunteer.hours", "hours");
        assertRefused(as(TestCaller.communityWorker(theirs.community().id())).post("/api/v1/participation/activities/"
                + id + "/volunteer-hours", hours), 404, "participation.activity.not-found", null);

        Response confirmed = myWorker.post("/api/v1/participation/activities/" + id + "/volunteer-hours", hours);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(myWorker.post("/api/v1/participation/activities/" + id + "/volunteer-hours", hours).status())
            .isEqualTo(409);
        assertThat(published.events()).filteredOn(e -> e.signupId() == signup).singleElement().satisfies(e -> {
            assertThat(e.personId()).isEqualTo(volunteer.accountId());
            assertThat(e.hours()).isEqualByComparingTo("2.5");
            assertThat(e.gridId()).isEqualTo(mine.community().id());
        });
    }

    @Test
    void a_grid_worker_never_sees_another_grids_activities_and_refusals_name_the_field() {
        long id = activity(10, Instant.now().plus(3, ChronoUnit.DAYS));
        HttpTestClient theirGridWorker = as(TestCaller.gridWorker(theirs.micro().id()));
        assertThat(theirGridWorker.get("/api/v1/participation/activities?size=200").body())
            .doesNotContain("\"id\":" + id + ",");
        assertThat(as(TestCaller.communityWorker(mine.community().id())).get("/api/v1/participation/activities"
                + "?size=200").body()).contains("\"id\":" + id + ",");
        assertThat(theirGridWorker.get("/api/v1/participation/activities/" + id + "/signups").status())
            .isEqualTo(404);
        assertThat(theirGridWorker.post("/api/v1/participation/activities/" + id + "/check-in-codes", "{}").status())
            .isEqualTo(404);
        // residents see open activities
        assertThat(as(TestCaller.resident()).get("/api/v1/participation/activities?size=200").body())
            .contains("\"id\":" + id + ",");

        String start = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        assertRefused(myWorker.post("/api/v1/participation/activities", "{\"gridId\":" + mine.community().id()
                + ",\"title\":\"x\",\"organiserName\":\"y\",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start
                + "\",\"capacity\":5}"), 400, "participation.activity.end-before-start", "endsAt");
        assertRefused(myWorker.post("/api/v1/participation/activities", "{\"gridId\":" + mine.community().id()
                + ",\"title\":\"x\",\"organiserKind\":\"CLUB\",\"organiserName\":\"y\",\"startsAt\":\"" + start
                + "\",\"endsAt\":\"" + Instant.parse(start).plusSeconds(3600) + "\",\"capacity\":5}"), 400,
                "participation.activity.organiser-kind", "organiserKind");
        assertRefused(myWorker.post("/api/v1/participation/activities", "{\"gridId\":" + mine.community().id()
                + ",\"title\":\"x\",\"organiserName\":\"y\",\"startsAt\":\"" + start + "\",\"endsAt\":\""
                + Instant.parse(start).plusSeconds(3600) + "\",\"capacity\":5,\"bookingId\":999999999}"), 422,
                "participation.activity.booking", "bookingId");
        assertRefused(as(TestCaller.resident()).post("/api/v1/participation/activities/" + id + "/signups",
                "{\"role\":\"BOSS\"}"), 400, "participation.signup.role", "role");
    }
}
