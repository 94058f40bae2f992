package org.gridgov.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Polling instead of webhooks: {@code GET /api/v1/incidents?updatedSince=…} and its {@code cursor} walk every change
 * in the caller's scope once, in (updatedAt, id) order, even when many incidents share an updatedAt.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentChangeFeedIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient http;
    HttpTestClient admin;
    GridTreeFixture.TestTree tree;
    HttpTestClient communityWorker;

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
        admin = http.as(TestCaller.admin());
        tree = new GridTreeFixture(admin).tree();
        communityWorker = http.as(TestCaller.communityWorker(tree.community().id()));
    }

    long report(String description) {
        var response = http.as(TestCaller.resident()).header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/incidents", "{\"category\":\"ENVIRONMENT\",\"description\":\"" + description
                    + "\",\"lat\":" + tree.lat() + ",\"lng\":" + tree.lng() + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("incident").path("id").asLong();
    }

    /** Follows nextCursor from {@code first} until an empty page; returns the ids in the order they came. */
    List<Long> follow(HttpTestClient client, String first, List<String> cursors) {
        List<Long> ids = new ArrayList<>();
        String path = first;
        for (int round = 0; round < 20; round++) {
            var response = client.get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode page = response.json();
            String next = page.path("nextCursor").asString();
            assertThat(next).isNotBlank();
            cursors.add(next);
            if (page.path("items").isEmpty()) {
                return ids;
            }
            page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
            path = "/api/v1/incidents?size=2&cursor=" + next;
        }
        throw new AssertionError("the feed never ran dry: " + ids);
    }

    @Test
    void change_feed_walks_every_change_once_in_updated_at_then_id_order_even_when_they_share_an_instant() {
        List<Long> sameInstant = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sameInstant.add(report("同一时刻变更的事件 " + i));
        }
        long before = report("早于轮询起点的事件");
        long later = report("稍晚变更的事件");
        Instant since = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        for (long id : sameInstant) {
            jdbc.update("update incident set updated_at = ? where id = ?", Timestamp.from(since), id);
        }
        jdbc.update("update incident set updated_at = ? where id = ?", Timestamp.from(since.minusSeconds(1)), before);
        jdbc.update("update incident set updated_at = ? where id = ?", Timestamp.from(since.plusSeconds(1)), later);

        List<String> cursors = new ArrayList<>();
        List<Long> seen = follow(communityWorker, "/api/v1/incidents?size=2&updatedSince=" + since, cursors);

        List<Long> expected = new ArrayList<>(sameInstant.stream().sorted().toList());
        expected.add(later);
        assertThat(seen).containsExactlyElementsOf(expected);
        // the empty answer keeps the cursor: the next poll continues from the same place
        String last = cursors.get(cursors.size() - 1);
        assertThat(cursors.get(cursors.size() - 2)).isEqualTo(last);

        // a change made after the last poll comes next, once
        jdbc.update("update incident set updated_at = ? where id = ?", Timestamp.from(since.plusSeconds(2)),
                sameInstant.get(0));
        assertThat(follow(communityWorker, "/api/v1/incidents?size=2&cursor=" + last, new ArrayList<>()))
            .containsExactly(sameInstant.get(0));
    }

    @Test
    void change_feed_shows_only_what_the_caller_may_see() {
        long id = report("数据范围内的事件");
        Instant since = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("update incident set updated_at = ? where id = ?", Timestamp.from(since), id);
        GridTreeFixture.TestTree elsewhere = new GridTreeFixture(admin).tree();
        HttpTestClient otherCommunity = http.as(TestCaller.communityWorker(elsewhere.community().id()));

        assertThat(follow(communityWorker, "/api/v1/incidents?updatedSince=" + since, new ArrayList<>()))
            .containsExactly(id);
        assertThat(follow(otherCommunity, "/api/v1/incidents?updatedSince=" + since, new ArrayList<>())).isEmpty();
    }

    @Test
    void unchanged_feed_answers_304_to_its_etag() {
        report("轮询缓存");
        String path = "/api/v1/incidents?updatedSince=" + Instant.now().minus(1, ChronoUnit.HOURS);
        var first = communityWorker.get(path);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isNotBlank();

        var again = communityWorker.header("If-None-Match", first.header("ETag")).get(path);

        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void refuses_a_malformed_updated_since_or_cursor_naming_the_parameter() {
        var badInstant = communityWorker.get("/api/v1/incidents?updatedSince=yesterday");
        var badCursor = communityWorker.get("/api/v1/incidents?cursor=not-a-cursor");

        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.contentType()).startsWith("application/problem+json");
        assertThat(badInstant.body()).contains("updatedSince");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.contentType()).startsWith("application/problem+json");
        assertThat(badCursor.json().path("errors").get(0).path("field").asString()).isEqualTo("cursor");
    }
}
