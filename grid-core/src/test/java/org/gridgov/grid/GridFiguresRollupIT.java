package org.gridgov.grid;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.grid.internal.GridFiguresRollup;
import org.gridgov.grid.internal.GridFiguresRollup.CoreFigures;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridgov.testsupport.GridTreeFixture.code;
import static org.gridgov.testsupport.GridTreeFixture.id;
import static org.gridgov.testsupport.GridTreeFixture.square;

/**
 * The figures of a node come from the maintained rollup (issue 18) and must always equal the live computation over
 * the subtree — right after writes elsewhere in the tree (changes the refresh job has not consumed yet) and after the
 * job has consumed them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GridFiguresRollupIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    GridFiguresService service;

    @Autowired
    GridFiguresRollup rollup;

    HttpTestClient http;
    GridTreeFixture grids;
    GridApi trees;

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
        grids = new GridTreeFixture(http);
        trees = new GridApi(grids);
    }

    @Test
    void figures_equal_the_live_computation_after_writes_elsewhere_in_the_tree_and_a_move_between_streets()
            throws Exception {
        var tree = trees.tree(104.0, 30.5); // district → street 1 → community 1
        JsonNode general1 = grids.create("GENERAL_GRID", tree.community(), null);
        JsonNode micro1 = grids.create("MICRO_GRID", general1, null);
        grids.staff(id(micro1), "陈敏", "MICRO_GRID_WORKER", true);
        JsonNode street2 = grids.create("STREET", tree.district(), square(106.5, 30.0, 2));
        JsonNode community2 = grids.create("COMMUNITY", street2, square(107.0, 30.5, 1));
        JsonNode general2 = grids.create("GENERAL_GRID", community2, square(107.0, 30.5, 0.5));
        grids.create("MICRO_GRID", general2, square(107.0, 30.5, 0.1));
        JsonNode dedicated = grids.create("DEDICATED_GRID", street2, null);
        long generalWorker = grids.staff(id(general2), "李强", "GENERAL_GRID_WORKER", true);
        grids.staff(id(community2), "王芳", "COMMUNITY_WORKER", false);
        grids.staff(id(street2), "赵磊", "STREET_OFFICER", false);
        rollup.rebuild();
        List<JsonNode> nodes = List.of(tree.district(), tree.street(), tree.community(), general1, micro1, street2,
                community2, general2, dedicated);
        assertThat(marksUnder(tree.district())).isZero();
        assertExact(nodes);

        JsonNode micro3;
        try (Connection refreshHeld = holdRefresh()) {
            // elsewhere in the tree (under the other street), while no refresh can consume the marks
            micro3 = grids.create("MICRO_GRID", general2, null);
            grids.staff(id(micro3), "孙丽", "MICRO_GRID_WORKER", true);
            grids.staff(id(micro1), "周杰", "BUILDING_HEAD", false);
            http.post("/api/v1/staff/" + generalWorker + "/end", "{}"); // last day today: still on duty

            assertThat(marksUnder(tree.district())).isPositive();
            assertExact(nodes);
            assertExact(List.of(micro3));

            // a grid moves from one street to the other, its micro grid and staff with it
            String etag = http.get("/api/v1/grids/" + id(general1)).header("ETag");
            var moved = http.header("If-Match", etag).post("/api/v1/grids/" + id(general1) + "/move",
                    "{\"parentCode\":\"" + code(community2) + "\"}");
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

            assertExact(nodes);
            assertThat(figures(tree.street()).path("descendantsByType").path("GENERAL_GRID").asLong()).isZero();
            assertThat(figures(street2).path("descendantsByType").path("MICRO_GRID").asLong()).isEqualTo(3);
            assertThat(figures(street2).path("staffByRole").path("BUILDING_HEAD").asLong()).isEqualTo(1);
            refreshHeld.rollback();
        }

        rollup.refresh(); // consumes what the job has not yet
        assertThat(marksUnder(tree.district())).isZero();
        for (JsonNode node : nodes) {
            assertThat(jdbc.queryForObject("select count(*) from grid_figures_rollup where node_id = ?",
                    Integer.class, id(node))).as("row of %s", code(node)).isOne();
        }
        assertExact(nodes); // now from the stored rows alone

        String etag = http.get("/api/v1/grids/" + id(dedicated)).header("ETag");
        assertThat(http.header("If-Match", etag).post("/api/v1/grids/" + id(dedicated) + "/retire", "").status())
            .isEqualTo(200);
        assertExact(nodes);
        assertThat(figures(tree.district()).path("descendantsByType").path("DEDICATED_GRID").asLong()).isZero();
    }

    @Test
    void a_rebuild_gives_every_node_the_live_figures() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.5));
        JsonNode micro = grids.create("MICRO_GRID", general, null);
        grids.staff(id(micro), "陈敏", "MICRO_GRID_WORKER", true);

        rollup.rebuild();

        assertThat(marksUnder(tree.district())).isZero();
        assertExact(List.of(tree.district(), tree.street(), tree.community(), general, micro));
    }

    /** Holds the lock every refresh of the rollup takes, so marks stay pending until the connection is closed. */
    private Connection holdRefresh() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, GridFiguresRollup.REFRESH_LOCK);
            lock.execute();
        }
        return connection;
    }

    private long marksUnder(JsonNode node) {
        String path = path(node);
        return jdbc.queryForObject("select count(*) from grid_figures_dirty where path like ?", Long.class,
                path + "%");
    }

    private String path(JsonNode node) {
        return jdbc.queryForObject("select path from grid_node where id = ?", String.class, id(node));
    }

    private JsonNode figures(JsonNode node) {
        var response = http.get("/api/v1/grids/" + id(node) + "/figures");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private void assertExact(List<JsonNode> nodes) {
        for (JsonNode node : nodes) {
            JsonNode served = figures(node);
            CoreFigures live = service.live(new GridSubtree(id(node), path(node)));
            String what = code(node) + " " + served;
            // the rollup answers (rather than the live fallback), and exactly
            assertThat(rollup.read(id(node), path(node), LocalDate.now(Clock.systemUTC()))).as(what).contains(live);
            for (GridType type : GridType.values()) {
                assertThat(served.path("descendantsByType").path(type.name()).asLong()).as(what + " " + type)
                    .isEqualTo(live.descendantsByType().get(type));
            }
            for (StaffRole role : StaffRole.values()) {
                assertThat(served.path("staffByRole").path(role.name()).asLong()).as(what + " " + role)
                    .isEqualTo(live.staffByRole().get(role));
            }
            assertThat(served.path("gridsWithoutPrimaryWorker").asLong()).as(what)
                .isEqualTo(live.gridsWithoutPrimaryWorker());
            assertThat(served.path("gridsWithoutBoundary").asLong()).as(what).isEqualTo(live.gridsWithoutBoundary());
        }
    }
}
