package org.gridgov.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.grid.GridSubtree;
import org.gridgov.incident.internal.IncidentFigureQuery;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures from the per-node rollups (issue 18) equal the figures computed from the incidents themselves, for
 * every level of the tree and for periods that cut days and hours anywhere — after weeks of activity (reports
 * accepted late and on time, resolved, rated, reopened, rejected, merged, open past their deadlines, some due
 * today) and after a community moved to another street with its incidents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentFiguresRollupIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IncidentFigureQuery query;

    HttpTestClient admin;

    @Test
    void rollup_figures_equal_the_live_computation_at_every_level_and_follow_a_moved_community() {
        HttpTestClient http = HttpTestClient.at(port);
        admin = http.as(TestCaller.admin());
        GridTreeFixture grids = new GridTreeFixture(admin);
        GridTreeFixture.TestTree tree = grids.tree();
        HttpTestClient resident = http.as(TestCaller.resident());
        HttpTestClient worker = http.as(TestCaller.gridWorker(tree.micro().id()));

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long id = report(resident, tree, "噪音 " + i);
            ids.add(id);
            switch (i % 7) {
                case 0 -> { } // left submitted: awaiting acceptance
                case 1 -> move(worker, id, "accept", "{}");
                case 2 -> {
                    move(worker, id, "accept", "{}");
                    move(worker, id, "resolve", "{\"note\":\"已处理\"}");
                }
                case 3 -> {
                    move(worker, id, "accept", "{}");
                    move(worker, id, "resolve", "{\"note\":\"已处理\"}");
                    rate(resident, id, 5);
                }
                case 4 -> {
                    move(worker, id, "accept", "{}");
                    move(worker, id, "resolve", "{\"note\":\"已处理\"}");
                    rate(resident, id, 2); // reopened
                }
                case 5 -> move(worker, id, "reject", "{\"reason\":\"不属于受理范围\"}");
                default -> move(worker, id, "merge", "{\"intoId\":" + ids.get(0) + "}");
            }
        }
        // Spread over six weeks: incident i happened (37 h + 13 min) × i ago, every timestamp shifted alike — so the
        // open ones are past their deadlines; every third one was accepted 30 h after it came in.
        for (int i = 0; i < ids.size(); i++) {
            String shift = (37 * 60 + 13) * i + " minutes";
            jdbc.update("update incident set created_at = created_at - cast(? as interval),"
                    + " accepted_at = accepted_at - cast(? as interval), resolved_at = resolved_at - cast(? as interval),"
                    + " accept_due_at = accept_due_at - cast(? as interval),"
                    + " resolve_due_at = resolve_due_at - cast(? as interval) where id = ?",
                    shift, shift, shift, shift, shift, ids.get(i));
            if (i % 3 == 0) {
                jdbc.update("update incident set accepted_at = created_at + interval '30 hours'"
                        + " where id = ? and accepted_at is not null", ids.get(i));
            }
        }
        // due today and already past: one awaiting acceptance, one being handled
        long dueToday = report(resident, tree, "今天到期");
        long handledDueToday = report(resident, tree, "今天到期在办");
        move(worker, handledDueToday, "accept", "{}");
        jdbc.update("update incident set accept_due_at = now() - interval '1 minute' where id = ?", dueToday);
        jdbc.update("update incident set resolve_due_at = now() - interval '1 minute' where id = ?", handledDueToday);

        long[] nodes = { tree.district().id(), tree.street().id(), tree.community().id(), tree.general().id(),
                tree.micro().id() };
        assertRollupsEqualLive(nodes);
        assertThat(query.compute(subtree(tree.district().id()), Instant.now().minus(Duration.ofDays(60)),
                Instant.now()).received()).as("every report but the merged ones").isEqualTo(28);
        // what the triggers kept is what a rebuild from the incidents gives (the formulas the migrations' backfills
        // use: V2026_12_21_1000's for the streets' open and due rows, V2026_12_21_1100's for the 5-minute sums), for
        // every node of this tree
        String districtPath = subtree(tree.district().id()).path();
        List<Map<String, Object>> kept = rollupRows(districtPath);
        assertThat(kept).as("open and due rows down to depth 3").extracting(row -> row.get("depth")).contains(3);
        jdbc.execute("select incident_figures_rebuild()");
        assertThat(rollupRows(districtPath)).isEqualTo(kept);

        // the community moves to another street, its incidents with it (GridPathCopies rewrite their grid_path)
        JsonNode district = admin.get("/api/v1/grids/" + tree.district().id()).json();
        JsonNode newStreet = grids.create("STREET", district, null);
        String etag = admin.get("/api/v1/grids/" + tree.community().id()).header("ETag");
        var moved = admin.header("If-Match", etag).post("/api/v1/grids/" + tree.community().id() + "/move",
                "{\"parentCode\":\"" + GridTreeFixture.code(newStreet) + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        assertRollupsEqualLive(new long[] { tree.district().id(), tree.street().id(), GridTreeFixture.id(newStreet),
                tree.community().id(), tree.general().id() });
        Instant now = Instant.now();
        assertThat(query.compute(subtree(tree.street().id()), now.minus(Duration.ofDays(60)), now).received())
            .as("the old street has none left").isZero();
        assertThat(query.compute(subtree(GridTreeFixture.id(newStreet)), now.minus(Duration.ofDays(60)), now)
            .received()).as("the new street has them all").isEqualTo(28);
    }

    private void assertRollupsEqualLive(long[] nodes) {
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        Instant[][] periods = {
                { now.minus(Duration.ofDays(30)), now }, // the default
                { now.minus(Duration.ofDays(400)), now },
                { today.minusDays(10).atStartOfDay(CHINA).toInstant(), today.atStartOfDay(CHINA).toInstant() },
                { now.minus(Duration.ofDays(3)).minusSeconds(17 * 60), now.minus(Duration.ofHours(5)).minusSeconds(180) },
                { now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(10)) },
                { now.minus(Duration.ofHours(24)), now },
                { now.minus(Duration.ofDays(20)).minusSeconds(1), now.minus(Duration.ofDays(19)).plusSeconds(3_000) },
                { today.minusDays(12).atStartOfDay(CHINA).toInstant().plusSeconds(3 * 3600),
                  today.minusDays(2).atStartOfDay(CHINA).toInstant().plusSeconds(21 * 3600 + 59) },
        };
        for (long node : nodes) {
            GridSubtree subtree = subtree(node);
            for (Instant[] period : periods) {
                assertThat(query.compute(subtree, period[0], period[1]))
                    .as("node %s %s, period %s – %s", node, subtree.path(), period[0], period[1])
                    .isEqualTo(query.live(subtree, period[0], period[1]));
            }
        }
    }

    /**
     * The open, due and 5-minute rollups of the nodes under a path, shards summed, without the rows that sum to zero
     * (a 5-minute bucket's sums spelt out in its first column).
     */
    private List<Map<String, Object>> rollupRows(String path) {
        return jdbc.queryForList("""
                select 'open' as rollup, node_path, cardinality(string_to_array(btrim(node_path, '/'), '/')) as depth,
                       created_day as day, resolve_due_day as due_day, sum(open_count) as count
                  from incident_figures_open where node_path like ? group by node_path, created_day, resolve_due_day
                having sum(open_count) <> 0
                union all
                select 'due', node_path, cardinality(string_to_array(btrim(node_path, '/'), '/')), null, due_day,
                       sum(running)
                  from incident_figures_due where node_path like ? group by node_path, due_day
                having sum(running) <> 0
                union all
                select 'minutes ' || to_char(bucket at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ': received '
                       || sum(received) || ', accepted24 ' || sum(accepted24) || ', resolved '
                       || sum(resolved) || ', on time ' || sum(on_time) || ', rated ' || sum(rated) || ', rating '
                       || sum(rating_sum) || ', reopened ' || sum(reopened) || ', seconds '
                       || round(sum(accept_seconds), 3) || '/' || round(sum(resolve_seconds), 3),
                       node_path, cardinality(string_to_array(btrim(node_path, '/'), '/')), null,
                       (bucket at time zone 'UTC')::date, sum(received)
                  from incident_figures_minutes where node_path like ? group by node_path, bucket
                having sum(received) <> 0
                 order by 1, 2, 4, 5""", path + "%", path + "%", path + "%");
    }

    private GridSubtree subtree(long node) {
        return new GridSubtree(node, jdbc.queryForObject("select path from grid_node where id = ?", String.class,
                node));
    }

    private long report(HttpTestClient resident, GridTreeFixture.TestTree tree, String description) {
        var response = resident.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"NOISE\",\"description\":\"" + description + "\",\"lat\":" + tree.lat() + ",\"lng\":"
                        + tree.lng() + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("incident").path("id").asLong();
    }

    private void move(HttpTestClient client, long id, String move, String body) {
        String etag = admin.get("/api/v1/incidents/" + id).header("ETag");
        var response = client.header("If-Match", etag).post("/api/v1/incidents/" + id + "/" + move, body);
        assertThat(response.status()).as(move + " " + response).isEqualTo(200);
    }

    private void rate(HttpTestClient resident, long id, int stars) {
        var response = resident.post("/api/v1/incidents/" + id + "/rating", "{\"rating\":" + stars + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
