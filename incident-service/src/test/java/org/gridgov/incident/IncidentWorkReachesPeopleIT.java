package org.gridgov.incident;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.incident.internal.IncidentJobs;
import org.gridgov.shared.event.IncidentClosed;
import org.gridgov.shared.event.IncidentRated;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.TestImages;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15, incidents: work reaches the right person (by account, role at a grid, department — never by name), on time
 * (every deadline acts by the rule table), anonymity is kept, figures mean what they say, and the phone never shows a
 * dead button.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IncidentWorkReachesPeopleIT.Events.class)
class IncidentWorkReachesPeopleIT {

    @TestConfiguration
    static class Events {
        static final List<Object> SEEN = new CopyOnWriteArrayList<>();

        @Bean
        Object incidentEventRecorder() {
            return new Object() {
                @EventListener
                void closed(IncidentClosed event) {
                    SEEN.add(event);
                }

                @EventListener
                void rated(IncidentRated event) {
                    SEEN.add(event);
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IncidentJobs jobs;

    HttpTestClient http;
    HttpTestClient admin;
    GridTreeFixture.TestTree tree;
    TestCaller residentCaller;
    HttpTestClient resident;
    HttpTestClient gridWorker;
    HttpTestClient communityWorker;
    HttpTestClient streetOfficer;
    long department;
    HttpTestClient departmentStaff;

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
        admin = http.as(TestCaller.admin());
        GridTreeFixture grids = new GridTreeFixture(admin);
        tree = grids.tree();
        department = grids.department(tree.street().id(), "GAS", "燃气站");
        residentCaller = TestCaller.resident();
        resident = http.as(residentCaller);
        gridWorker = http.as(TestCaller.gridWorker(tree.micro().id()));
        communityWorker = http.as(TestCaller.communityWorker(tree.community().id()));
        streetOfficer = http.as(TestCaller.streetOfficer(tree.street().id()));
        departmentStaff = http.as(TestCaller.departmentStaff(department));
    }

    JsonNode report(HttpTestClient client, String category, String extra) {
        var response = client.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"" + category + "\",\"description\":\"问题\",\"lat\":" + tree.lat() + ",\"lng\":"
                        + tree.lng() + extra + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    HttpTestClient.Response move(HttpTestClient client, long id, String move, String body) {
        String etag = admin.get("/api/v1/incidents/" + id).header("ETag");
        return client.header("If-Match", etag).post("/api/v1/incidents/" + id + "/" + move, body);
    }

    static List<String> kinds(HttpTestClient client, long incidentId) {
        List<String> kinds = new ArrayList<>();
        for (JsonNode n : client.get("/api/v1/me/notifications?size=200").json().path("items")) {
            if (n.path("subjectId").asLong() == incidentId) {
                kinds.add(0, n.path("kind").asString());
            }
        }
        return kinds;
    }

    static String message(HttpTestClient client, long incidentId, String kind) {
        for (JsonNode n : client.get("/api/v1/me/notifications?size=200").json().path("items")) {
            if (n.path("subjectId").asLong() == incidentId && n.path("kind").asString().equals(kind)) {
                return n.path("message").asString();
            }
        }
        return null;
    }

    @Test
    void staff_are_told_of_new_work_by_their_role_at_the_grid_and_a_new_worker_inherits_the_queue() {
        long id = report(resident, "ENVIRONMENT", "").path("incident").path("id").asLong();
        HttpTestClient newWorker = http.as(TestCaller.gridWorker(tree.micro().id()));
        HttpTestClient elsewhere = http.as(TestCaller.gridWorker(tree.general().id()));

        assertThat(kinds(gridWorker, id)).containsExactly("INCIDENT_NEW");
        assertThat(kinds(newWorker, id)).containsExactly("INCIDENT_NEW");
        assertThat(kinds(elsewhere, id)).isEmpty();
        assertThat(message(gridWorker, id, "INCIDENT_NEW")).matches(".*请于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 前受理");

        move(gridWorker, id, "accept", "{}");
        String accepted = message(resident, id, "INCIDENT_ACCEPTED");
        assertThat(accepted).as("the accepted notice, in Shanghai time to the minute")
            .matches("您反映的问题 SS\\d{6}-\\w{6} 已受理，预计 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 前办结");
        move(gridWorker, id, "escalate", "{\"reason\":\"需一般网格协调\"}");
        assertThat(kinds(http.as(TestCaller.gridWorker(tree.general().id())), id))
            .containsExactly("INCIDENT_ESCALATED");
        move(communityWorker, id, "escalate", "{\"reason\":\"需社区协调\"}");
        move(communityWorker, id, "escalate", "{\"reason\":\"需街道协调\"}");
        assertThat(kinds(communityWorker, id)).containsExactly("INCIDENT_ESCALATED");
        assertThat(kinds(streetOfficer, id)).containsExactly("INCIDENT_ESCALATED");
        move(streetOfficer, id, "whistle", "{\"departmentIds\":[" + department + "]}");
        assertThat(kinds(departmentStaff, id)).containsExactly("INCIDENT_WHISTLED");
        assertThat(message(departmentStaff, id, "INCIDENT_WHISTLED")).as("a local time, not an ISO instant")
            .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}").doesNotContainPattern("\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

        // read marks are per person: the new worker reading everything leaves the first worker's unread
        long unread = gridWorker.get("/api/v1/me/notifications/unread-count").json().path("unread").asLong();
        assertThat(newWorker.post("/api/v1/me/notifications/read-all", "{}").status()).isEqualTo(200);
        assertThat(newWorker.get("/api/v1/me/notifications/unread-count").json().path("unread").asLong()).isZero();
        assertThat(gridWorker.get("/api/v1/me/notifications/unread-count").json().path("unread").asLong())
            .isEqualTo(unread).isPositive();
    }

    @Test
    void the_stream_pushes_new_notifications_and_resumes_with_last_event_id() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/me/notifications/stream")).header(TestCaller.HEADER, residentCaller.header())
            .header("Accept", "text/event-stream").build();
        var stream = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.join().body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            }
            catch (Exception ignored) {
                // the test ends the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith(":")));

        long id = report(resident, "NOISE", "").path("incident").path("id").asLong();
        move(gridWorker, id, "accept", "{}");
        await().atMost(Duration.ofSeconds(10)).failFast(() -> lines.size() > 50)
            .until(() -> lines.stream().anyMatch(l -> l.contains("INCIDENT_ACCEPTED")));
        stream.cancel(true);
        String firstId = lines.stream().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();

        // away: a question arrives; back with Last-Event-ID: it is replayed
        move(gridWorker, id, "ask-reporter", "{\"question\":\"请补充门牌号\"}");
        HttpResponse<java.io.InputStream> resumed = client.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + port + "/api/v1/me/notifications/stream")).header(TestCaller.HEADER, residentCaller.header())
            .header("Last-Event-ID", String.valueOf(Long.parseLong(firstId) - 1)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> replay = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resumed.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && replay.stream().noneMatch(l -> l.contains("INCIDENT_INFO_REQUESTED"))) {
                replay.add(line);
            }
        }
        assertThat(String.join("\n", replay)).contains("INCIDENT_ACCEPTED").contains("INCIDENT_INFO_REQUESTED")
            .contains("id:" + firstId);
    }

    @Test
    void an_anonymous_reporter_is_hidden_in_the_incident_timeline_and_photos_except_from_themselves() {
        long id = report(resident, "NOISE", ",\"anonymous\":true").path("incident").path("id").asLong();
        assertThat(resident.postFile("/api/v1/incidents/" + id + "/photos", "a.jpg", "image/jpeg",
                TestImages.jpegWithGps()).status()).isEqualTo(201);

        for (HttpTestClient staff : List.of(gridWorker, communityWorker)) {
            String incident = staff.get("/api/v1/incidents/" + id).body();
            String timeline = staff.get("/api/v1/incidents/" + id + "/timeline").body();
            String photos = staff.get("/api/v1/incidents/" + id + "/photos").body();
            assertThat(incident + timeline + photos).doesNotContain(residentCaller.username());
            assertThat(timeline).contains("匿名居民");
            assertThat(photos).contains("匿名居民");
        }
        assertThat(resident.get("/api/v1/incidents/" + id + "/timeline").body()).doesNotContain("匿名居民");
    }

    @Test
    void residents_see_only_that_a_similar_report_is_nearby() {
        report(resident, "PUBLIC_FACILITY", "");
        JsonNode second = report(http.as(TestCaller.resident()), "PUBLIC_FACILITY", "");
        assertThat(second.path("possibleDuplicates")).isEmpty();
        assertThat(second.path("similarNearby").asString()).isEqualTo("附近已有类似问题正在处理");
        JsonNode staffs = report(gridWorker, "PUBLIC_FACILITY", ",\"source\":\"GRID_PATROL\"");
        assertThat(staffs.path("possibleDuplicates")).isNotEmpty();
    }

    @Test
    void allowed_moves_never_list_what_would_be_refused() {
        long id = report(resident, "BUILDING_SAFETY", "").path("incident").path("id").asLong();
        move(gridWorker, id, "accept", "{}");
        assertThat(gridWorker.get("/api/v1/incidents/" + id).json().path("allowedMoves").toString())
            .doesNotContain("WHISTLE");
        move(gridWorker, id, "escalate", "{\"reason\":\"x\"}");
        move(communityWorker, id, "escalate", "{\"reason\":\"x\"}");
        move(communityWorker, id, "escalate", "{\"reason\":\"x\"}");
        JsonNode atStreet = streetOfficer.get("/api/v1/incidents/" + id).json().path("allowedMoves");
        assertThat(atStreet.toString()).doesNotContain("ESCALATE").contains("ACCEPT");
        move(streetOfficer, id, "accept", "{}");
        assertThat(streetOfficer.get("/api/v1/incidents/" + id).json().path("allowedMoves").toString())
            .contains("WHISTLE").doesNotContain("ESCALATE");
        move(streetOfficer, id, "whistle", "{\"departmentIds\":[" + department + "]}");
        assertThat(departmentStaff.get("/api/v1/incidents/" + id).json().path("allowedMoves").toString())
            .contains("CHECK_IN").doesNotContain("REPORT_ACTION");
        departmentStaff.post("/api/v1/incidents/" + id + "/check-in", "{}");
        JsonNode after = departmentStaff.get("/api/v1/incidents/" + id).json().path("allowedMoves");
        assertThat(after.toString()).doesNotContain("CHECK_IN").contains("REPORT_ACTION");
        assertThat(departmentStaff.post("/api/v1/incidents/" + id + "/check-in", "{}").status()).isEqualTo(409);
    }

    @Test
    void merge_only_into_an_open_incident_of_the_same_category_unless_a_community_worker_overrides_with_a_reason() {
        long resolved = report(resident, "NOISE", "").path("incident").path("id").asLong();
        move(gridWorker, resolved, "accept", "{}");
        move(gridWorker, resolved, "resolve", "{}");
        long other = report(resident, "ENVIRONMENT", "").path("incident").path("id").asLong();
        long dup = report(http.as(TestCaller.resident()), "NOISE", "").path("incident").path("id").asLong();

        assertThat(move(gridWorker, dup, "merge", "{\"intoId\":" + resolved + "}").json().path("code").asString())
            .isEqualTo("incident.merge-closed");
        assertThat(move(gridWorker, dup, "merge", "{\"intoId\":" + other + "}").json().path("code").asString())
            .isEqualTo("incident.merge-category");
        assertThat(move(gridWorker, dup, "merge", "{\"intoId\":" + other + ",\"override\":true,\"reason\":\"同一处\"}")
            .status()).isEqualTo(403);
        var merged = move(communityWorker, dup, "merge", "{\"intoId\":" + other + ",\"override\":true,"
                + "\"reason\":\"同一处\"}");
        assertThat(merged.json().path("state").asString()).as(merged.toString()).isEqualTo("MERGED");
    }

    @Test
    void a_sensors_repeated_event_writes_nothing_new() {
        String device = "smoke-" + Unique.next();
        admin.put("/api/v1/sensor-devices/" + device, "{\"kind\":\"SMOKE\",\"category\":\"FIRE_HAZARD\",\"lat\":"
                + tree.lat() + ",\"lng\":" + tree.lng() + ",\"place\":\"楼道\"}");
        long id = admin.post("/api/v1/sensor-alarms", "{\"deviceId\":\"" + device + "\",\"eventId\":\"e1\"}").json()
            .path("incident").path("id").asLong();
        admin.post("/api/v1/sensor-alarms", "{\"deviceId\":\"" + device + "\",\"eventId\":\"e2\"}");
        int entries = admin.get("/api/v1/incidents/" + id + "/timeline").json().size();

        var again = admin.post("/api/v1/sensor-alarms", "{\"deviceId\":\"" + device + "\",\"eventId\":\"e2\"}");
        var first = admin.post("/api/v1/sensor-alarms", "{\"deviceId\":\"" + device + "\",\"eventId\":\"e1\"}");

        assertThat(again.json().path("incident").path("id").asLong()).isEqualTo(id);
        assertThat(first.json().path("incident").path("id").asLong()).isEqualTo(id);
        assertThat(admin.get("/api/v1/incidents/" + id + "/timeline").json().size()).isEqualTo(entries);
    }

    @Test
    void closing_publishes_incident_closed_and_ratings_keep_their_history() {
        long id = report(resident, "NOISE", "").path("incident").path("id").asLong();
        move(gridWorker, id, "accept", "{}");
        move(gridWorker, id, "resolve", "{}");
        resident.post("/api/v1/incidents/" + id + "/rating", "{\"rating\":2}");
        move(gridWorker, id, "accept", "{}");
        move(gridWorker, id, "resolve", "{}");
        var closed = resident.post("/api/v1/incidents/" + id + "/rating", "{\"rating\":5}");
        assertThat(closed.json().path("state").asString()).isEqualTo("CLOSED");

        assertThat(jdbc.queryForList("select stars from incident_rating where incident_id = ? order by id",
                Integer.class, id)).containsExactly(2, 5);
        assertThat(admin.get("/api/v1/incidents/figures?nodeId=" + tree.micro().id()).json().path("averageRating")
            .asDouble()).isEqualTo(3.5);
        List<IncidentClosed> closes = Events.SEEN.stream().filter(IncidentClosed.class::isInstance)
            .map(IncidentClosed.class::cast).filter(e -> e.incidentId() == id).toList();
        assertThat(closes).singleElement().satisfies(e -> {
            assertThat(e.confirmedByReporter()).isTrue();
            assertThat(e.reporterAccountId()).isEqualTo(residentCaller.accountId());
            assertThat(e.reporterRole()).isEqualTo(org.gridgov.shared.security.Role.RESIDENT);
            assertThat(e.resolvedOnTime()).isTrue();
            assertThat(e.gridId()).isEqualTo(tree.micro().id());
            assertThat(e.resolvedBy()).startsWith("网格员");
        });
        assertThat(Events.SEEN.stream().filter(IncidentRated.class::isInstance).map(IncidentRated.class::cast)
            .filter(e -> e.incidentId() == id)).hasSize(2).allSatisfy(e -> {
                assertThat(e.gridId()).isEqualTo(tree.micro().id());
                assertThat(e.resolvedByRole()).isEqualTo(org.gridgov.shared.security.Role.GRID_WORKER);
            });
    }

    @Test
    void a_report_received_a_minute_ago_is_neither_a_hit_nor_a_miss_of_the_24_hour_rate() {
        report(resident, "NOISE", "");
        JsonNode figures = admin.get("/api/v1/incidents/figures?nodeId=" + tree.micro().id()).json();
        assertThat(figures.path("received").asLong()).isEqualTo(1);
        assertThat(figures.path("countedFor24h").asLong()).isZero();
        assertThat(figures.path("acceptedWithin24hRate").isNull()).as(figures.toString()).isTrue();
    }

    @Test
    void the_rule_table_drives_automatic_moves_on_short_deadlines() {
        String category = "OTHER";
        try {
            assertThat(admin.put("/api/v1/incident-categories/" + category + "/deadline-rules/ACCEPT",
                    "{\"after\":\"PT1S\",\"action\":\"ESCALATE\"}").status()).isEqualTo(200);
            assertThat(admin.put("/api/v1/incident-categories/" + category + "/deadline-rules/RESOLVE",
                    "{\"after\":\"PT2S\",\"action\":\"REMIND\"}").status()).isEqualTo(200);
            assertThat(admin.put("/api/v1/incident-categories/" + category + "/deadline-rules/CHECK_IN",
                    "{\"after\":\"PT1S\",\"action\":\"ESCALATE\"}").status()).isEqualTo(200);
            assertThat(admin.put("/api/v1/incident-categories/" + category + "/deadline-rules/NEVER",
                    "{\"after\":\"PT1S\",\"action\":\"ESCALATE\"}").status()).isEqualTo(400);

            long id = report(resident, category, "").path("incident").path("id").asLong();
            Instant reported = Instant.now();
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(reported.plusMillis(1500)));
            jobs.escalateOverdue();
            JsonNode escalated = admin.get("/api/v1/incidents/" + id).json();
            assertThat(escalated.path("state").asString()).isEqualTo("ESCALATED");
            assertThat(escalated.path("holder").path("id").asLong()).isEqualTo(tree.general().id());

            HttpTestClient generalWorker = http.as(TestCaller.gridWorker(tree.general().id()));
            move(generalWorker, id, "accept", "{}");
            Instant accepted = Instant.now();
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(accepted.plusMillis(2500)));
            jobs.escalateOverdue();
            jobs.escalateOverdue();
            assertThat(kinds(generalWorker, id)).containsExactly("INCIDENT_ESCALATED", "INCIDENT_OVERDUE");
            assertThat(kinds(communityWorker, id)).containsExactly("INCIDENT_OVERDUE");
            assertThat(admin.get("/api/v1/incidents/" + id + "/timeline").body()).contains("OVERDUE_REMINDER");
        }
        finally {
            for (String deadline : List.of("ACCEPT", "RESOLVE", "CHECK_IN")) {
                admin.delete("/api/v1/incident-categories/" + category + "/deadline-rules/" + deadline);
            }
        }
    }

    @Test
    void supervise_urge_and_reassign_are_moves_on_the_timeline_that_reach_the_holder() {
        long id = report(resident, "NOISE", "").path("incident").path("id").asLong();
        var supervised = move(communityWorker, id, "supervise", "{\"dueAt\":\"" + Instant.now().plus(Duration.ofDays(1))
                + "\",\"note\":\"尽快\"}");
        assertThat(supervised.status()).as(supervised.toString()).isEqualTo(200);
        assertThat(move(gridWorker, id, "supervise", "{\"dueAt\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}")
            .status()).isEqualTo(403);
        assertThat(resident.post("/api/v1/incidents/" + id + "/urge", "{\"note\":\"还没处理\"}").status()).isEqualTo(200);
        assertThat(kinds(gridWorker, id)).containsExactly("INCIDENT_NEW", "INCIDENT_SUPERVISED", "INCIDENT_URGED");

        var reassigned = move(communityWorker, id, "reassign", "{\"gridId\":" + tree.general().id()
                + ",\"reason\":\"位置属于一般网格\"}");
        assertThat(reassigned.status()).as(reassigned.toString()).isEqualTo(200);
        assertThat(reassigned.json().path("holder").path("id").asLong()).isEqualTo(tree.general().id());
        assertThat(kinds(http.as(TestCaller.gridWorker(tree.general().id())), id)).containsExactly("INCIDENT_REASSIGNED");
        assertThat(admin.get("/api/v1/incidents/" + id + "/timeline").json().findValuesAsString("action"))
            .containsSubsequence("REPORTED", "SUPERVISE", "URGE", "REASSIGN");
    }
}
