package org.gridgov.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.IncidentTestApplication;
import org.gridgov.incident.internal.IncidentJobs;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.TestDatabase;
import org.gridgov.testsupport.TestImages;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The closed loop of 随手报 through the REST API, each request as the role that makes it (an {@code X-Test-Caller}
 * header: the module has no login). Refusals by URL authorization (which role may call a URL at all) are the web
 * app's: its IncidentPlatformIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IncidentJobs jobs;

    @Autowired
    IncidentFiguresService figures;

    HttpTestClient http;
    HttpTestClient admin;
    Place place;

    /**
     * A district → street → community → general → micro grid tree with a worker, a department and callers; reports
     * are made at ({@code lat}, {@code lng}), a point in the micro grid.
     */
    record Place(double lng, double lat, long street, long community, long general, long micro, long department,
            HttpTestClient gridWorker, HttpTestClient communityWorker, HttpTestClient streetOfficer,
            HttpTestClient departmentStaff, HttpTestClient resident, String residentName) {
    }

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
        admin = http.as(TestCaller.admin());
        place = place();
    }

    Place place() {
        GridTreeFixture grids = new GridTreeFixture(admin);
        GridTreeFixture.TestTree tree = grids.tree();
        long department = grids.department(tree.street().id(), "GAS", "燃气站");
        TestCaller resident = TestCaller.resident();
        return new Place(tree.lng(), tree.lat(), tree.street().id(), tree.community().id(), tree.general().id(),
                tree.micro().id(), department, http.as(TestCaller.gridWorker(tree.micro().id())),
                http.as(TestCaller.communityWorker(tree.community().id())),
                http.as(TestCaller.streetOfficer(tree.street().id())), http.as(TestCaller.departmentStaff(department)),
                http.as(resident), resident.username());
    }

    JsonNode report(HttpTestClient client, String category, String description) {
        var response = client.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"" + category + "\",\"description\":\"" + description + "\",\"lat\":" + place.lat()
                        + ",\"lng\":" + place.lng() + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("incident");
    }

    /** Makes a move with the incident's current ETag. */
    HttpTestClient.Response move(HttpTestClient client, long id, String move, String body) {
        String etag = admin.get("/api/v1/incidents/" + id).header("ETag");
        return client.header("If-Match", etag).post("/api/v1/incidents/" + id + "/" + move, body);
    }

    @Test
    void report_accept_escalate_whistle_check_in_resolve_and_rate_closes_the_loop() {
        String key = UUID.randomUUID().toString();
        String body = "{\"category\":\"BUILDING_SAFETY\",\"description\":\"空置房屋外墙出现裂缝\",\"lat\":" + place.lat()
                + ",\"lng\":" + place.lng() + "}";

        var reported = place.resident().header("Idempotency-Key", key).post("/api/v1/incidents", body);
        var retried = place.resident().header("Idempotency-Key", key).post("/api/v1/incidents", body);

        assertThat(reported.status()).isEqualTo(201);
        JsonNode incident = reported.json().path("incident");
        long id = incident.path("id").asLong();
        assertThat(incident.path("trackingCode").asString()).startsWith("SS");
        assertThat(incident.path("state").asString()).isEqualTo("SUBMITTED");
        assertThat(incident.path("holder").path("id").asLong()).isEqualTo(place.micro());
        assertThat(incident.path("assigneeName").asString()).isEqualTo("王建国");
        assertThat(incident.path("expectedResolutionAt").isNull()).isFalse();
        assertThat(retried.json().path("incident").path("id").asLong()).isEqualTo(id);
        assertThat(jdbc.queryForObject("select count(*) from incident where reporter_username = ?", Long.class,
                place.residentName())).isOne();

        // the grid worker finds it in their queue and accepts it
        assertThat(place.gridWorker().get("/api/v1/incidents?queue=true").body()).contains(incident.path("trackingCode").asString());
        assertThat(move(place.gridWorker(), id, "accept", "{\"note\":\"已受理\"}").json().path("state").asString())
            .isEqualTo("ACCEPTED");

        // beyond the grid: up to the general grid, the community, the street
        var up = move(place.gridWorker(), id, "escalate", "{\"reason\":\"需要房屋安全鉴定\"}");
        assertThat(up.json().path("holder").path("id").asLong()).isEqualTo(place.general());
        assertThat(move(place.gridWorker(), id, "accept", "{}").json().path("code").asString())
            .isEqualTo("incident.not-holder");
        assertThat(place.gridWorker().get("/api/v1/incidents/" + id).json().path("allowedMoves")).isEmpty();
        assertThat(place.communityWorker().get("/api/v1/incidents/" + id).json().path("allowedMoves").toString())
            .contains("ACCEPT");
        move(place.communityWorker(), id, "escalate", "{\"reason\":\"超出网格处置能力\"}");
        var atStreet = move(place.communityWorker(), id, "escalate", "{\"reason\":\"需多部门处置\"}");
        assertThat(atStreet.json().path("holder").path("id").asLong()).isEqualTo(place.street());

        // the street blows the whistle; the department reports for duty and acts
        var whistled = move(place.streetOfficer(), id, "whistle", "{\"departmentIds\":[" + place.department() + "]}");
        assertThat(whistled.status()).as(whistled.toString()).isEqualTo(200);
        assertThat(whistled.json().path("state").asString()).isEqualTo("WHISTLED");
        assertThat(place.departmentStaff().get("/api/v1/incidents?queue=true").body())
            .contains(incident.path("trackingCode").asString());
        var checkedIn = place.departmentStaff().post("/api/v1/incidents/" + id + "/check-in", "{\"note\":\"已到场\"}");
        assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(200);
        assertThat(checkedIn.json().path("summons").get(0).path("checkedInAt").isNull()).isFalse();
        assertThat(place.departmentStaff().post("/api/v1/incidents/" + id + "/department-report",
                "{\"report\":\"已加固并设置警示标志\"}").status()).isEqualTo(200);

        // resolved, rated, closed
        assertThat(move(place.streetOfficer(), id, "resolve", "{\"note\":\"已修缮\"}").json().path("state").asString())
            .isEqualTo("RESOLVED");
        var rated = place.resident().post("/api/v1/incidents/" + id + "/rating", "{\"rating\":5,\"comment\":\"很及时\"}");
        assertThat(rated.json().path("state").asString()).isEqualTo("CLOSED");

        JsonNode timeline = place.resident().get("/api/v1/incidents/" + id + "/timeline").json();
        assertThat(timeline.findValuesAsString("action")).containsExactly("REPORTED", "ACCEPT", "ESCALATE", "ESCALATE",
                "ESCALATE", "WHISTLE", "CHECK_IN", "REPORT_ACTION", "RESOLVE", "RATE");
        assertThat(timeline.get(1).path("actor").asString()).isNotBlank();
        assertThat(jdbc.queryForObject("select count(*) from notification where subject_type = 'incident' "
                + "and subject_id = ?", Long.class, id)).isGreaterThan(3);
    }

    @Test
    void the_deadline_clock_pauses_while_the_incident_waits_for_the_reporter() {
        long id = report(place.resident(), "NOISE", "楼上深夜装修噪音").path("id").asLong();
        move(place.gridWorker(), id, "accept", "{}");
        Instant deadline = Instant.parse(place.gridWorker().get("/api/v1/incidents/" + id).json()
            .path("expectedResolutionAt").asString());

        var asked = move(place.gridWorker(), id, "ask-reporter", "{\"question\":\"请告知具体楼栋和门牌号\"}");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        assertThat(asked.json().path("state").asString()).isEqualTo("AWAITING_INFO");
        assertThat(asked.json().path("clockPausedAt").isNull()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from notification where subject_id = ? and kind = "
                + "'INCIDENT_INFO_REQUESTED' and recipient_kind = 'ACCOUNT' and message like '%需要补充信息%'", Long.class,
                id)).isOne();
        // only the reporter answers; staff may not answer for them, and nobody answers twice
        assertThat(place.gridWorker().post("/api/v1/incidents/" + id + "/reply", "{\"text\":\"x\"}").status())
            .isEqualTo(403);
        Instant pausedAt = Instant.parse(asked.json().path("clockPausedAt").asString());
        await("the incident has waited 1.5 s for its reporter").atMost(Duration.ofSeconds(10))
            .until(() -> !Instant.now().isBefore(pausedAt.plusMillis(1500)));

        var replied = place.resident().post("/api/v1/incidents/" + id + "/reply", "{\"text\":\"3 栋 2 单元 501\"}");

        assertThat(replied.status()).as(replied.toString()).isEqualTo(200);
        assertThat(replied.json().path("state").asString()).isEqualTo("IN_PROGRESS");
        assertThat(replied.json().path("clockPausedAt").isNull()).isTrue();
        Instant moved = Instant.parse(replied.json().path("expectedResolutionAt").asString());
        assertThat(Duration.between(deadline, moved)).as("the deadline moved by the time spent waiting")
            .isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(Duration.ofSeconds(30));
        assertThat(place.resident().post("/api/v1/incidents/" + id + "/reply", "{\"text\":\"again\"}").json()
            .path("code").asString()).isEqualTo("incident.illegal-move");
        assertThat(place.resident().get("/api/v1/incidents/" + id + "/timeline").json().findValuesAsString("action"))
            .containsSubsequence("ACCEPT", "ASK_REPORTER", "REPORTER_REPLY");

        // the question reached the reporter's inbox; reading it marks it read, nobody else can
        JsonNode inbox = place.resident().get("/api/v1/me/notifications?unread=true").json().path("items");
        JsonNode question = null;
        for (JsonNode n : inbox) {
            if (n.path("subjectId").asLong() == id && n.path("message").asString().contains("需要补充信息")) {
                question = n;
            }
        }
        assertThat(question).as(inbox.toString()).isNotNull();
        long notification = question.path("id").asLong();
        assertThat(place.gridWorker().post("/api/v1/me/notifications/" + notification + "/read", "{}").status())
            .isEqualTo(404);
        assertThat(place.resident().post("/api/v1/me/notifications/" + notification + "/read", "{}").status())
            .isEqualTo(204);
        assertThat(place.resident().get("/api/v1/me/notifications?unread=true").body())
            .doesNotContain("\"id\":" + notification + ",");
    }

    @Test
    void staff_can_go_on_without_the_reporters_answer_and_paused_incidents_are_not_overdue() {
        long id = report(place.resident(), "NOISE", "广场舞音响过大").path("id").asLong();
        move(place.gridWorker(), id, "accept", "{}");
        move(place.gridWorker(), id, "ask-reporter", "{\"question\":\"几点开始？\"}");
        jdbc.update("update incident set resolve_due_at = now() - interval '1 hour' where id = ?", id);

        assertThat(place.gridWorker().get("/api/v1/incidents?overdue=true&size=200").body())
            .as("waiting for the reporter is not overdue").doesNotContain("\"id\":" + id + ",");
        assertThat(move(place.gridWorker(), id, "ask-reporter", "{\"question\":\"again\"}").status()).isEqualTo(409);

        var resumed = move(place.gridWorker(), id, "resume", "{\"note\":\"按现场情况处理\"}");
        assertThat(resumed.json().path("state").asString()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void an_illegal_move_is_refused_with_the_moves_that_are_allowed() {
        long id = report(place.resident(), "NOISE", "楼上装修噪音").path("id").asLong();

        var resolve = move(place.gridWorker(), id, "resolve", "{\"note\":\"x\"}");
        var notSummoned = place.departmentStaff().post("/api/v1/incidents/" + id + "/check-in", "{}");

        assertThat(resolve.status()).isEqualTo(409);
        assertThat(resolve.json().path("code").asString()).isEqualTo("incident.illegal-move");
        assertThat(resolve.json().path("allowedMoves").toString()).contains("ACCEPT");
        // that a grid worker may not check in at all is URL authorization: IncidentPlatformIT in the web app
        assertThat(notSummoned.status()).isEqualTo(404);
        assertThat(place.gridWorker().get("/api/v1/incidents/" + id + "/timeline").json()).hasSize(1);
    }

    @Test
    void an_unsatisfied_reporter_reopens_it_once_then_the_community_takes_over() {
        long id = report(place.resident(), "ENVIRONMENT", "垃圾堆放").path("id").asLong();
        move(place.gridWorker(), id, "accept", "{}");
        move(place.gridWorker(), id, "resolve", "{\"note\":\"已清理\"}");

        var first = place.resident().post("/api/v1/incidents/" + id + "/rating", "{\"rating\":2}");
        move(place.gridWorker(), id, "accept", "{}");
        move(place.gridWorker(), id, "resolve", "{\"note\":\"再次清理\"}");
        var second = place.resident().post("/api/v1/incidents/" + id + "/rating", "{\"rating\":1,\"comment\":\"还是没清干净\"}");
        HttpTestClient byOther = http.as(TestCaller.resident());

        assertThat(first.json().path("state").asString()).isEqualTo("REOPENED");
        assertThat(first.json().path("holder").path("id").asLong()).isEqualTo(place.micro());
        assertThat(second.json().path("state").asString()).isEqualTo("REOPENED");
        assertThat(second.json().path("holder").path("id").asLong()).isEqualTo(place.community());
        assertThat(second.json().path("reopenCount").asInt()).isEqualTo(2);
        assertThat(byOther.post("/api/v1/incidents/" + id + "/rating", "{\"rating\":5}").status()).isEqualTo(404);
    }

    @Test
    void bad_reports_get_clear_answers_and_write_nothing() {
        long before = jdbc.queryForObject("select count(*) from incident", Long.class);
        HttpTestClient resident = place.resident().header("Idempotency-Key", UUID.randomUUID().toString());

        var unknownCategory = resident.post("/api/v1/incidents", "{\"category\":\"UFO\",\"description\":\"x\",\"lat\":30,\"lng\":104}");
        var tooLong = resident.post("/api/v1/incidents", "{\"category\":\"NOISE\",\"description\":\"" + "长".repeat(10_000)
                + "\",\"lat\":30,\"lng\":104}");
        var noKey = place.resident().post("/api/v1/incidents", "{\"category\":\"NOISE\",\"description\":\"x\",\"lat\":30,\"lng\":104}");
        var noPlace = resident.post("/api/v1/incidents", "{\"category\":\"NOISE\",\"description\":\"x\"}");
        var badLat = resident.post("/api/v1/incidents", "{\"category\":\"NOISE\",\"description\":\"x\",\"lat\":95,\"lng\":104}");
        var patrolByResident = resident.post("/api/v1/incidents",
                "{\"category\":\"NOISE\",\"source\":\"GRID_PATROL\",\"description\":\"x\",\"lat\":30,\"lng\":104}");

        assertThat(unknownCategory.status()).isEqualTo(400);
        assertThat(unknownCategory.json().path("errors").get(0).path("field").asString()).isEqualTo("category");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").get(0).path("field").asString()).isEqualTo("description");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(noPlace.status()).isEqualTo(400);
        assertThat(badLat.status()).isEqualTo(400);
        assertThat(patrolByResident.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from incident", Long.class)).isEqualTo(before);
    }

    @Test
    void html_is_kept_as_text_and_a_point_outside_every_grid_is_accepted_and_flagged() {
        var outside = place.resident().header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"OTHER\",\"description\":\"<script>alert(1)</script>\",\"lat\":-45.5,\"lng\":-120.5}");

        assertThat(outside.status()).isEqualTo(201);
        assertThat(outside.json().path("incident").path("outsideGrid").asBoolean()).isTrue();
        assertThat(outside.json().path("incident").path("description").asString()).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void residents_see_their_own_reports_and_workers_only_their_grids() {
        long id = report(place.resident(), "NOISE", "夜间噪音").path("id").asLong();
        Place elsewhere = place();

        assertThat(place.resident().get("/api/v1/incidents/" + id).status()).isEqualTo(200);
        assertThat(elsewhere.resident().get("/api/v1/incidents/" + id).status()).isEqualTo(404);
        assertThat(elsewhere.gridWorker().get("/api/v1/incidents/" + id).status()).isEqualTo(404);
        assertThat(place.communityWorker().get("/api/v1/incidents/" + id).status()).isEqualTo(200);
        assertThat(elsewhere.gridWorker().get("/api/v1/incidents").body()).doesNotContain("\"id\":" + id + ",");
    }

    @Test
    void a_report_nearby_of_the_same_category_is_offered_as_possibly_the_same_and_can_be_merged() {
        JsonNode first = report(place.resident(), "PUBLIC_FACILITY", "路灯不亮");
        var second = place.gridWorker().header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"PUBLIC_FACILITY\",\"description\":\"同一路灯\",\"lat\":" + (place.lat() + 0.0001)
                        + ",\"lng\":" + (place.lng() + 0.0001) + "}");

        assertThat(second.json().path("possibleDuplicates").toString()).contains(first.path("trackingCode").asString());
        long secondId = second.json().path("incident").path("id").asLong();
        var merged = move(place.gridWorker(), secondId, "merge", "{\"intoId\":" + first.path("id").asLong() + "}");
        assertThat(merged.json().path("state").asString()).isEqualTo("MERGED");
        assertThat(merged.json().path("mergedIntoId").asLong()).isEqualTo(first.path("id").asLong());

        // the merged report's reporter follows the survivor and is told of its outcome
        long survivor = first.path("id").asLong();
        assertThat(place.gridWorker().get("/api/v1/incidents/" + survivor).status()).isEqualTo(200);
        move(place.gridWorker(), survivor, "accept", "{}");
        move(place.gridWorker(), survivor, "resolve", "{\"note\":\"已更换灯泡\"}");
        assertThat(jdbc.queryForObject("select count(*) from notification where subject_id = ? and kind = "
                + "'INCIDENT_RESOLVED' and account_id = (select reporter_account_id from incident where id = ?)",
                Long.class, secondId, secondId)).isOne();
    }

    @Test
    void figures_count_what_was_received_and_accepted_within_24_hours_under_a_node() {
        long accepted = report(place.resident(), "NOISE", "噪音一").path("id").asLong();
        report(place.resident(), "NOISE", "噪音二");
        move(place.gridWorker(), accepted, "accept", "{}");

        var figures = place.communityWorker().get("/api/v1/incidents/figures?nodeId=" + place.community()).json();
        var gridFigures = place.communityWorker().get("/api/v1/grids/" + place.community() + "/figures").json();
        var outside = place().communityWorker().get("/api/v1/incidents/figures?nodeId=" + place.community());

        assertThat(figures.path("received").asLong()).isEqualTo(2);
        assertThat(figures.path("acceptedWithin24h").asLong()).isEqualTo(1);
        // the report not accepted, received a moment ago, is not a miss yet (issue 15): 1 of 1 decided
        assertThat(figures.path("countedFor24h").asLong()).isEqualTo(1);
        assertThat(figures.path("acceptedWithin24hRate").asDouble()).isEqualTo(1.0);
        assertThat(gridFigures.path("extensions").path("incidents").path("receivedLast30Days").asLong()).isEqualTo(2);
        assertThat(outside.status()).isEqualTo(404);
        var breakdown = place.communityWorker().get("/api/v1/incidents/figures/breakdown?nodeId=" + place.community()).json();
        assertThat(breakdown.path("workers").get(0).path("worker").asString()).isEqualTo("王建国");
        assertThat(breakdown.path("workers").get(0).path("assigned").asLong()).isEqualTo(2);
    }

    @Test
    void street_figures_add_whole_days_from_the_daily_totals_to_the_hours_at_the_ends_of_the_period() {
        long earlier = report(place.resident(), "NOISE", "三天前的噪音").path("id").asLong();
        long today = report(place.resident(), "NOISE", "今天的噪音").path("id").asLong();
        long duplicate = report(place.resident(), "NOISE", "同一处噪音").path("id").asLong();
        move(place.gridWorker(), earlier, "accept", "{}");
        move(place.gridWorker(), today, "accept", "{}");
        move(place.gridWorker(), duplicate, "merge", "{\"intoId\":" + today + "}");
        // reported three days ago (a whole day of the period: counted from the daily totals), accepted 30 h later
        jdbc.update("update incident set created_at = created_at - interval '3 days',"
                + " accepted_at = created_at - interval '3 days' + interval '30 hours' where id = ?", earlier);

        var month = admin.get("/api/v1/incidents/figures?nodeId=" + place.street()).json();
        var lastDay = admin.get("/api/v1/incidents/figures?nodeId=" + place.street() + "&from="
                + Instant.now().minus(Duration.ofDays(1))).json();
        var community = admin.get("/api/v1/incidents/figures?nodeId=" + place.community()).json();

        assertThat(month.path("received").asLong()).isEqualTo(2);
        assertThat(month.path("acceptedWithin24h").asLong()).isEqualTo(1);
        assertThat(month.path("averageHoursToAccept").asDouble()).isBetween(15.0, 15.1);
        assertThat(lastDay.path("received").asLong()).isEqualTo(1);
        assertThat(lastDay.path("acceptedWithin24h").asLong()).isEqualTo(1);
        // below street level the figures read the incidents themselves, and agree
        assertThat(community.path("received").asLong()).isEqualTo(month.path("received").asLong());
        assertThat(community.path("averageHoursToAccept").asDouble())
            .isEqualTo(month.path("averageHoursToAccept").asDouble());
    }

    @Test
    void the_daily_trend_and_the_children_count_the_subtrees_reports_but_not_merged_duplicates() {
        long first = report(place.resident(), "NOISE", "夜间施工").path("id").asLong();
        long duplicate = report(place.resident(), "NOISE", "同一处夜间施工").path("id").asLong();
        move(place.gridWorker(), first, "accept", "{}");
        move(place.gridWorker(), duplicate, "merge", "{\"intoId\":" + first + "}");

        List<IncidentFiguresService.Day> days = figures.daily(place.community(), null, null);
        List<IncidentFiguresService.ChildRate> streetChildren = figures.byChild(place.street(), null, null);

        assertThat(days.get(days.size() - 1).received()).as("today").isEqualTo(1);
        assertThat(days.stream().mapToLong(IncidentFiguresService.Day::received).sum()).isEqualTo(1);
        assertThat(streetChildren).singleElement().satisfies(child -> {
            assertThat(child.gridId()).isEqualTo(place.community());
            assertThat(child.received()).isEqualTo(1);
            assertThat(child.acceptedWithin24hRate()).isEqualTo(1.0);
        });
    }

    @Test
    void administrators_configure_categories_and_the_work_calendar() {
        String code = "TEST_" + Unique.next();

        var saved = admin.put("/api/v1/incident-categories/" + code,
                "{\"name\":\"井盖缺失\",\"responseHours\":2,\"resolutionHours\":1}");
        var fixed = admin.put("/api/v1/incident-categories/" + code,
                "{\"name\":\"井盖缺失\",\"responseHours\":2,\"resolutionHours\":24,\"workingHours\":false}");
        var holiday = admin.put("/api/v1/work-calendar/2026-12-31", "{\"working\":false,\"note\":\"测试假日\"}");
        JsonNode reported = report(place.resident(), code, "井盖不见了");

        assertThat(saved.status()).isEqualTo(422);
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(holiday.status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/work-calendar?year=2026").body()).contains("2026-12-31");
        assertThat(Duration.between(Instant.parse(reported.path("createdAt").asString()),
                Instant.parse(reported.path("expectedResolutionAt").asString())).toHours()).isEqualTo(24);
        // that a resident may not change a category is URL authorization: IncidentPlatformIT in the web app
    }

    @Test
    void photos_are_checked_by_content_and_lose_their_gps_position() {
        long id = report(place.resident(), "BUILDING_SAFETY", "墙体裂缝").path("id").asLong();
        byte[] withGps = TestImages.jpegWithGps();
        byte[] tooLarge = new byte[11 * 1024 * 1024];
        tooLarge[0] = (byte) 0xFF;
        tooLarge[1] = (byte) 0xD8;
        tooLarge[2] = (byte) 0xFF;

        var uploaded = place.resident().postFile("/api/v1/incidents/" + id + "/photos", "crack.jpg", "image/jpeg", withGps);
        var fake = place.resident().postFile("/api/v1/incidents/" + id + "/photos", "crack.jpg", "image/jpeg",
                "<html>not a photo</html>".getBytes());
        var huge = place.resident().postFile("/api/v1/incidents/" + id + "/photos", "huge.jpg", "image/jpeg", tooLarge);
        var heic = place.gridWorker().postFile("/api/v1/incidents/" + id + "/photos", "site.heic", "image/heic",
                "\0\0\0\u0018ftypheicGPS".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        var downloaded = place.resident().get("/api/v1/incidents/" + id + "/photos/" + uploaded.json().path("id").asLong());
        assertThat(downloaded.status()).isEqualTo(200);
        assertThat(downloaded.contentType()).startsWith("image/jpeg");
        assertThat(downloaded.body()).doesNotContain("GPSLatitude");
        assertThat(fake.status()).isEqualTo(415);
        assertThat(fake.json().path("code").asString()).isEqualTo("incident.photo.not-an-image");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(heic.status()).isEqualTo(201);
        assertThat(place.resident().get("/api/v1/incidents/" + id + "/photos").json()).hasSize(1);
        assertThat(place.gridWorker().get("/api/v1/incidents/" + id + "/photos").json()).hasSize(2);
        assertThat(place.resident().get("/api/v1/incidents/" + id + "/timeline").body()).contains("PHOTO");
    }

    @Test
    void a_photo_retried_with_the_same_idempotency_key_is_stored_once_and_the_retry_replays_the_first_answer() {
        long id = report(place.resident(), "BUILDING_SAFETY", "楼道裂缝").path("id").asLong();
        HttpTestClient retrying = place.resident().header("Idempotency-Key", UUID.randomUUID().toString());

        var first = retrying.postFile("/api/v1/incidents/" + id + "/photos", "crack.jpg", "image/jpeg",
                TestImages.jpegWithGps());
        var retry = retrying.postFile("/api/v1/incidents/" + id + "/photos", "crack.jpg", "image/jpeg",
                TestImages.jpegWithGps());

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
        assertThat(place.resident().get("/api/v1/incidents/" + id + "/photos").json()).hasSize(1);
    }

    @Test
    void a_sensor_alarm_opens_one_incident_at_the_device_and_repeats_join_it() {
        String device = "smoke-" + Unique.next();
        var registered = admin.put("/api/v1/sensor-devices/" + device, "{\"kind\":\"SMOKE\",\"category\":\"FIRE_HAZARD\","
                + "\"lat\":" + (place.lat() - 0.001) + ",\"lng\":" + (place.lng() - 0.001) + ",\"place\":\"3栋2单元楼道\"}");

        var first = admin.post("/api/v1/sensor-alarms", "{\"deviceId\":\"" + device + "\",\"eventId\":\"e1\"}");
        var again = admin.post("/api/v1/sensor-alarms", "{\"deviceId\":\"" + device + "\",\"eventId\":\"e2\",\"detail\":\"烟雾浓度上升\"}");
        var unknown = admin.post("/api/v1/sensor-alarms", "{\"deviceId\":\"nope-1\",\"eventId\":\"e1\"}");

        assertThat(registered.status()).isEqualTo(200);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode incident = first.json().path("incident");
        assertThat(incident.path("source").asString()).isEqualTo("SENSOR_ALARM");
        assertThat(incident.path("grid").path("id").asLong()).isEqualTo(place.micro());
        assertThat(incident.path("assigneeName").asString()).isEqualTo("王建国");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("incident").path("id").asLong()).isEqualTo(incident.path("id").asLong());
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(admin.get("/api/v1/incidents/" + incident.path("id").asLong() + "/timeline").body())
            .contains("SENSOR_REPEAT").contains("烟雾浓度上升");
    }

    /** Two nodes of the module on the one database: FOR UPDATE SKIP LOCKED alone keeps the move single. */
    @Test
    void the_escalation_job_moves_an_overdue_incident_exactly_once_even_with_two_nodes() throws Exception {
        long id = report(place.resident(), "NOISE", "超时未受理").path("id").asLong();
        jdbc.update("update incident set accept_due_at = now() - interval '1 hour' where id = ?", id);
        TestDatabase.Connection db = TestDatabase.get();
        try (ConfigurableApplicationContext otherNode = new SpringApplicationBuilder(IncidentTestApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password())) {
            IncidentJobs otherJobs = otherNode.getBean(IncidentJobs.class);

            CompletableFuture<Void> here = CompletableFuture.runAsync(jobs::escalateOverdue);
            CompletableFuture<Void> there = CompletableFuture.runAsync(otherJobs::escalateOverdue);
            CompletableFuture.allOf(here, there).get();
            jobs.escalateOverdue(); // and a later run finds nothing overdue any more
        }

        assertThat(jdbc.queryForObject("select count(*) from incident_timeline where incident_id = ? and action = 'AUTO_ESCALATE'",
                Long.class, id)).isOne();
        assertThat(jdbc.queryForObject("select holder_grid_id from incident where id = ?", Long.class, id))
            .isEqualTo(place.general());
    }
}
