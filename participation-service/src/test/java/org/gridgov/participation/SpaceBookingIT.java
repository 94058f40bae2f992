package org.gridgov.participation;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

/**
 * Spaces and bookings through the REST API against the real PostgreSQL: opening hours and holidays in China time,
 * the exclusion constraint under 50 racing requests, approval, cancellation, attendance, idempotency, refusals
 * naming the field, and the data scope (a grid worker never sees another grid's spaces or bookings).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpaceBookingIT {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestTree mine;
    TestTree theirs;
    HttpTestClient myWorker;
    LocalDate day;

    @BeforeEach
    void setUp() {
        GridTreeFixture grids = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin()));
        mine = grids.tree();
        theirs = grids.tree();
        myWorker = as(TestCaller.communityWorker(mine.community().id()));
        day = LocalDate.now(CHINA).plusDays(7);
    }

    HttpTestClient as(TestCaller caller) {
        return HttpTestClient.at(port).as(caller);
    }

    long space(HttpTestClient creator, long gridId, boolean approval, int capacity) {
        StringBuilder hours = new StringBuilder();
        for (int weekday = 1; weekday <= 7; weekday++) {
            hours.append(weekday == 1 ? "" : ",").append("{\"weekday\":").append(weekday)
                .append(",\"opens\":\"08:00\",\"closes\":\"12:00\"},{\"weekday\":").append(weekday)
                .append(",\"opens\":\"14:00\",\"closes\":\"21:00\"}");
        }
        Response created = creator.post("/api/v1/participation/spaces", "{\"gridId\":" + gridId
                + ",\"name\":\"邻里活动室\",\"capacity\":" + capacity + ",\"approvalRequired\":" + approval
                + ",\"hours\":[" + hours + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    String at(LocalDate date, int hour, int minute) {
        return date.atTime(LocalTime.of(hour, minute)).atZone(CHINA).toInstant().toString();
    }

    String booking(long spaceId, String startsAt, String endsAt, int attendees) {
        return "{\"spaceId\":" + spaceId + ",\"startsAt\":\"" + startsAt + "\",\"endsAt\":\"" + endsAt
                + "\",\"attendees\":" + attendees + ",\"purpose\":\"邻里月台读书会\"}";
    }

    Response book(TestCaller who, long spaceId, String startsAt, String endsAt) {
        return as(who).post("/api/v1/participation/bookings", booking(spaceId, startsAt, endsAt, 10));
    }

    @Test
    void fifty_racing_requests_for_one_slot_book_it_exactly_once_and_the_rest_get_409_with_the_next_free_slots()
            throws Exception {
        long space = space(myWorker, mine.community().id(), false, 30);
        int clients = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            TestCaller resident = TestCaller.resident();
            // half ask for 10:00–11:00, half for 10:30–11:30: all overlap each other's winner
            String from = i % 2 == 0 ? at(day, 10, 0) : at(day, 10, 30);
            String to = i % 2 == 0 ? at(day, 11, 0) : at(day, 11, 30);
            answers.add(pool.submit(() -> {
                start.await();
                return book(resident, space, from, to);
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        List<Response> refused = responses.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(clients - 1).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("code").asString()).isEqualTo("participation.booking.slot-taken");
            assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("startsAt");
            assertThat(r.json().path("nextFreeSlots")).isNotEmpty();
        });
        // the next free slots really are free: the first one books
        JsonNode next = refused.get(0).json().path("nextFreeSlots").get(0);
        assertThat(book(TestCaller.resident(), space, next.path("startsAt").asString(),
                next.path("endsAt").asString()).status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("""
                select count(*) from participation_booking a join participation_booking b
                  on a.space_id = b.space_id and a.id < b.id
                 and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
                 where a.space_id = ? and a.state not in ('CANCELLED', 'REJECTED')
                   and b.state not in ('CANCELLED', 'REJECTED')""", Long.class, space)).isZero();
    }

    @Test
    void a_manager_changes_a_spaces_hours_and_approval_new_bookings_follow_them_and_held_ones_keep_their_slot() {
        long space = space(myWorker, mine.community().id(), false, 30);
        assertThat(book(TestCaller.resident(), space, at(day, 9, 0), at(day, 10, 0)).status()).isEqualTo(201);
        String change = "{\"name\":\"邻里活动室（改）\",\"capacity\":40,\"approvalRequired\":true,"
                + "\"hours\":[{\"weekday\":" + day.getDayOfWeek().getValue()
                + ",\"opens\":\"13:00\",\"closes\":\"18:00\"}]}";
        Response changed = myWorker.put("/api/v1/participation/spaces/" + space, change);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("name").asString()).isEqualTo("邻里活动室（改）");
        assertThat(changed.json().path("approvalRequired").asBoolean()).isTrue();
        assertThat(changed.json().path("hours")).hasSize(1);

        // the morning is closed now; the afternoon books, waiting for approval
        Response morning = book(TestCaller.resident(), space, at(day, 10, 0), at(day, 11, 0));
        assertThat(morning.status()).as(morning.toString()).isEqualTo(422);
        assertThat(morning.json().path("errors").get(0).path("field").asString()).isEqualTo("startsAt");
        Response afternoon = book(TestCaller.resident(), space, at(day, 14, 0), at(day, 15, 0));
        assertThat(afternoon.status()).as(afternoon.toString()).isEqualTo(201);
        assertThat(afternoon.json().path("state").asString()).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select count(*) from participation_booking where space_id = ? and state = "
                + "'CONFIRMED' and starts_at = ?::timestamptz", Long.class, space, at(day, 9, 0))).isEqualTo(1);

        // refusals name the field; a worker of another community does not find the space; residents may not
        Response overlapping = myWorker.put("/api/v1/participation/spaces/" + space, "{\"name\":\"x\",\"capacity\":"
                + "10,\"hours\":[{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"12:00\"},{\"weekday\":1,"
                + "\"opens\":\"11:00\",\"closes\":\"13:00\"}]}");
        assertThat(overlapping.status()).isEqualTo(400);
        assertThat(overlapping.contentType()).startsWith("application/problem+json");
        assertThat(overlapping.json().path("errors").get(0).path("field").asString()).isEqualTo("hours[1].opens");
        Response noCapacity = myWorker.put("/api/v1/participation/spaces/" + space, "{\"name\":\"x\"}");
        assertThat(noCapacity.status()).isEqualTo(400);
        assertThat(noCapacity.body()).contains("capacity");
        assertThat(as(TestCaller.communityWorker(theirs.community().id())).put("/api/v1/participation/spaces/"
                + space, change).status()).isEqualTo(404);
        assertThat(as(TestCaller.resident()).put("/api/v1/participation/spaces/" + space, change).status())
            .isEqualTo(403);
        // closed for bookings: residents no longer book it
        Response closed = myWorker.put("/api/v1/participation/spaces/" + space, change.replace("\"capacity\":40",
                "\"capacity\":40,\"active\":false"));
        assertThat(closed.json().path("active").asBoolean()).isFalse();
        assertThat(book(TestCaller.resident(), space, at(day, 16, 0), at(day, 17, 0)).status()).isIn(404, 422);
    }

    @Test
    void the_database_refuses_an_overlap_even_when_the_application_is_bypassed() {
        long space = space(myWorker, mine.community().id(), false, 30);
        assertThat(book(TestCaller.resident(), space, at(day, 9, 0), at(day, 10, 0)).status()).isEqualTo(201);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("""
                insert into participation_booking (space_id, grid_path, booker_id, booker_name, purpose, attendees,
                    starts_at, ends_at, state)
                select id, grid_path, 1, 'x', 'x', 1, ?::timestamptz, ?::timestamptz, 'CONFIRMED'
                  from participation_space where id = ?""", at(day, 9, 30), at(day, 10, 30), space))
            .hasMessageContaining("participation_booking_no_overlap");
    }

    @Test
    void a_cancelled_booking_frees_its_slot_and_touching_periods_do_not_overlap() {
        long space = space(myWorker, mine.community().id(), false, 30);
        TestCaller resident = TestCaller.resident();
        Response first = book(resident, space, at(day, 14, 0), at(day, 15, 0));
        assertThat(first.json().path("state").asString()).isEqualTo("CONFIRMED");
        assertThat(book(TestCaller.resident(), space, at(day, 15, 0), at(day, 16, 0)).status()).isEqualTo(201);
        assertThat(book(TestCaller.resident(), space, at(day, 14, 30), at(day, 15, 30)).status()).isEqualTo(409);

        // another resident cannot cancel it (it does not exist for them)
        long id = first.json().path("id").asLong();
        assertThat(as(TestCaller.resident()).post("/api/v1/participation/bookings/" + id + "/cancel", "{}").status())
            .isEqualTo(404);
        Response cancelled = as(resident).post("/api/v1/participation/bookings/" + id + "/cancel", "{}");
        assertThat(cancelled.json().path("state").asString()).as(cancelled.toString()).isEqualTo("CANCELLED");
        assertThat(book(TestCaller.resident(), space, at(day, 14, 0), at(day, 15, 0)).status()).isEqualTo(201);
        assertThat(as(resident).post("/api/v1/participation/bookings/" + id + "/cancel", "{}").status())
            .isEqualTo(409);
    }

    @Test
    void times_are_checked_against_opening_hours_slots_capacity_and_the_work_calendar_in_china_time() {
        long space = space(myWorker, mine.community().id(), false, 30);
        TestCaller resident = TestCaller.resident();
        // 12:00–14:00 is the lunch break between the two intervals
        assertRefused(book(resident, space, at(day, 11, 0), at(day, 13, 0)), 422,
                "participation.booking.outside-opening-hours", "startsAt");
        assertRefused(book(resident, space, at(day, 7, 0), at(day, 8, 30)), 422,
                "participation.booking.outside-opening-hours", "startsAt");
        assertRefused(book(resident, space, at(day, 9, 10), at(day, 10, 0)), 422, "participation.booking.off-slot",
                "startsAt");
        assertRefused(book(resident, space, at(day, 10, 0), at(day, 9, 0)), 400,
                "participation.booking.end-before-start", "endsAt");
        assertRefused(book(resident, space, at(day.minusDays(14), 9, 0), at(day.minusDays(14), 10, 0)), 422,
                "participation.booking.in-past", "startsAt");
        assertRefused(book(resident, space, at(day.plusDays(90), 9, 0), at(day.plusDays(90), 10, 0)), 422,
                "participation.booking.too-far", "startsAt");
        assertRefused(as(resident).post("/api/v1/participation/bookings",
                booking(space, at(day, 9, 0), at(day, 10, 0), 31)), 422, "participation.booking.over-capacity",
                "attendees");
        assertRefused(as(resident).post("/api/v1/participation/bookings", "{\"spaceId\":" + space
                + ",\"startsAt\":\"tomorrow\"}"), 400, null, null);
        assertRefused(as(resident).post("/api/v1/participation/bookings",
                booking(999_999_999, at(day, 9, 0), at(day, 10, 0), 1)), 404, "participation.space.not-found",
                "spaceId");

        // a public holiday of the work calendar closes the space
        LocalDate holiday = day.plusDays(3);
        jdbc.update("insert into work_calendar_day (day, working, note) values (?, false, '测试假日') "
                + "on conflict (day) do update set working = false", java.sql.Date.valueOf(holiday));
        assertRefused(book(resident, space, at(holiday, 9, 0), at(holiday, 10, 0)), 422,
                "participation.booking.holiday", "startsAt");
        JsonNode closed = as(resident).get("/api/v1/participation/spaces/" + space + "/availability?date="
                + holiday).json();
        assertThat(closed.path("open").asBoolean()).isFalse();
        assertThat(closed.path("closedReason").asString()).isEqualTo("HOLIDAY");
        assertThat(closed.path("freeSlots")).isEmpty();

        JsonNode open = as(resident).get("/api/v1/participation/spaces/" + space + "/availability?date=" + day).json();
        assertThat(open.path("open").asBoolean()).isTrue();
        // 08–12 and 14–21 in 30-minute slots
        assertThat(open.path("freeSlots")).hasSize(8 + 14);
        assertThat(open.path("freeSlots").get(0).path("startsAt").asString()).isEqualTo(at(day, 8, 0));
    }

    @Test
    void a_space_that_needs_approval_holds_the_slot_until_its_staff_decide() {
        long space = space(myWorker, mine.community().id(), true, 30);
        TestCaller resident = TestCaller.resident();
        Response pending = book(resident, space, at(day, 16, 0), at(day, 18, 0));
        assertThat(pending.json().path("state").asString()).as(pending.toString()).isEqualTo("PENDING");
        long id = pending.json().path("id").asLong();
        // the pending booking holds the slot
        assertThat(book(TestCaller.resident(), space, at(day, 17, 0), at(day, 18, 0)).status()).isEqualTo(409);

        HttpTestClient theirWorker = as(TestCaller.communityWorker(theirs.community().id()));
        assertThat(theirWorker.post("/api/v1/participation/bookings/" + id + "/approve", "{}").status())
            .isEqualTo(404);
        assertThat(as(resident).post("/api/v1/participation/bookings/" + id + "/approve", "{}").status())
            .isEqualTo(403);
        assertRefused(myWorker.post("/api/v1/participation/bookings/" + id + "/reject", "{}"), 400, null, "note");
        Response approved = myWorker.post("/api/v1/participation/bookings/" + id + "/approve", "{\"note\":\"同意\"}");
        assertThat(approved.json().path("state").asString()).as(approved.toString()).isEqualTo("CONFIRMED");
        assertThat(myWorker.post("/api/v1/participation/bookings/" + id + "/approve", "{}").status())
            .isEqualTo(409);
        // attendance only once it has started
        assertThat(myWorker.post("/api/v1/participation/bookings/" + id + "/attendance", "{\"attended\":false}")
            .status()).isEqualTo(409);
        jdbc.update("update participation_booking set starts_at = now() - interval '1 hour', "
                + "ends_at = now() + interval '1 hour' where id = ?", id);
        Response noShow = myWorker.post("/api/v1/participation/bookings/" + id + "/attendance",
                "{\"attended\":false}");
        assertThat(noShow.json().path("state").asString()).as(noShow.toString()).isEqualTo("NO_SHOW");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_books_once() {
        long space = space(myWorker, mine.community().id(), false, 30);
        HttpTestClient resident = as(TestCaller.resident()).header("Idempotency-Key", UUID.randomUUID().toString());
        String body = booking(space, at(day, 19, 0), at(day, 20, 0), 5);
        Response first = resident.post("/api/v1/participation/bookings", body);
        Response retry = resident.post("/api/v1/participation/bookings", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
        assertThat(jdbc.queryForObject("select count(*) from participation_booking where space_id = ?", Long.class,
                space)).isOne();
    }

    @Test
    void a_grid_worker_never_sees_another_grids_spaces_or_bookings() {
        long mySpace = space(myWorker, mine.micro().id(), false, 30);
        HttpTestClient theirCommunityWorker = as(TestCaller.communityWorker(theirs.community().id()));
        long theirSpace = space(theirCommunityWorker, theirs.micro().id(), false, 30);
        long staffOnly = space(theirCommunityWorker, theirs.micro().id(), false, 30);
        jdbc.update("update participation_space set bookable_by = 'STAFF' where id = ?", staffOnly);
        TestCaller resident = TestCaller.resident();
        long myBooking = book(resident, mySpace, at(day, 9, 0), at(day, 10, 0)).json().path("id").asLong();
        long theirBooking = book(TestCaller.resident(), theirSpace, at(day, 9, 0), at(day, 10, 0)).json().path("id")
            .asLong();

        HttpTestClient myGridWorker = as(TestCaller.gridWorker(mine.micro().id()));
        HttpTestClient theirGridWorker = as(TestCaller.gridWorker(theirs.micro().id()));
        String mineList = myGridWorker.get("/api/v1/participation/bookings?size=200").body();
        assertThat(mineList).contains("\"id\":" + myBooking).doesNotContain("\"id\":" + theirBooking);
        assertThat(theirGridWorker.get("/api/v1/participation/bookings?size=200").body())
            .contains("\"id\":" + theirBooking).doesNotContain("\"id\":" + myBooking);
        assertThat(theirGridWorker.get("/api/v1/participation/bookings/" + myBooking).status()).isEqualTo(404);
        assertThat(theirGridWorker.post("/api/v1/participation/bookings/" + myBooking + "/cancel", "{}").status())
            .isEqualTo(404);
        assertThat(theirGridWorker.get("/api/v1/participation/spaces?size=200").body())
            .doesNotContain("\"id\":" + mySpace + ",");
        assertThat(myGridWorker.get("/api/v1/participation/spaces?size=200").body())
            .contains("\"id\":" + mySpace + ",").doesNotContain("\"id\":" + theirSpace + ",");
        // a staff-only space of another grid does not exist for me
        assertThat(myGridWorker.get("/api/v1/participation/spaces/" + staffOnly).status()).isEqualTo(404);
        // a manager cannot put a space on a grid outside the scope
        assertRefused(myWorker.post("/api/v1/participation/spaces", "{\"gridId\":" + theirs.micro().id()
                + ",\"name\":\"x\",\"capacity\":3}"), 400, "participation.grid-unknown", "gridId");

        // residents see their own bookings only, and no staff list
        assertThat(as(resident).get("/api/v1/participation/bookings/mine").body()).contains("\"id\":" + myBooking)
            .doesNotContain("\"id\":" + theirBooking);
        assertThat(as(resident).get("/api/v1/participation/bookings").status()).isEqualTo(403);
        assertThat(as(resident).get("/api/v1/participation/bookings/" + theirBooking).status()).isEqualTo(404);
        // residents see spaces open to residents, not the staff-only one
        String forResidents = as(resident).get("/api/v1/participation/spaces?size=200&gridId="
                + theirs.community().id()).body();
        assertThat(forResidents).contains("\"id\":" + theirSpace + ",").doesNotContain("\"id\":" + staffOnly + ",");
        assertRefused(book(resident, staffOnly, at(day, 9, 0), at(day, 10, 0)), 404, "participation.space.not-found",
                "spaceId");
    }

    @Test
    void a_space_is_refused_with_the_field_named() {
        long grid = mine.community().id();
        assertRefused(myWorker.post("/api/v1/participation/spaces", "{\"gridId\":" + grid
                + ",\"name\":\"x\",\"capacity\":0}"), 400, "participation.space.capacity", "capacity");
        assertRefused(myWorker.post("/api/v1/participation/spaces", "{\"gridId\":" + grid
                + ",\"name\":\"x\",\"capacity\":3,\"hours\":[{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"12:00\"},"
                + "{\"weekday\":1,\"opens\":\"11:00\",\"closes\":\"13:00\"}]}"), 400,
                "participation.space.hours-overlap", "hours[1].opens");
        assertRefused(myWorker.post("/api/v1/participation/spaces", "{\"gridId\":" + grid
                + ",\"name\":\"x\",\"capacity\":3,\"hours\":[{\"weekday\":8,\"opens\":\"09:00\",\"closes\":\"12:00\"}]}"),
                400, "participation.space.weekday", "hours[0].weekday");
        assertRefused(as(TestCaller.gridWorker(mine.micro().id())).post("/api/v1/participation/spaces",
                "{\"gridId\":" + mine.micro().id() + ",\"name\":\"x\",\"capacity\":3}"), 403, null, null);
    }

    static void assertRefused(Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (code != null) {
            assertThat(response.json().path("code").asString()).as(response.toString()).isEqualTo(code);
        }
        if (field != null) {
            assertThat(response.json().path("errors").get(0).path("field").asString()).as(response.toString())
                .isEqualTo(field);
        }
    }
}
