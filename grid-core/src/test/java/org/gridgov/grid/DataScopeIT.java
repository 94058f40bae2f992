package org.gridgov.grid;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.testing.TestScopes;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridgov.testsupport.GridTreeFixture.code;
import static org.gridgov.testsupport.GridTreeFixture.id;

/** Grid core's services see only the caller's part of the tree: outside it, things do not exist. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataScopeIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient http;
    GridTreeFixture grids;
    GridApi trees;

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
        grids = new GridTreeFixture(http);
        trees = new GridApi(grids);
    }

    @AfterEach
    void reset() {
        TestScopes.reset();
    }

    void scopeTo(JsonNode node) {
        String path = jdbc.queryForObject("select path from grid_node where id = ?", String.class, id(node));
        TestScopes.use(DataScope.subtree(id(node), path));
    }

    @Test
    void a_community_worker_sees_their_community_and_nothing_of_the_neighbour() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode mine = tree.community();
        JsonNode neighbour = grids.create("COMMUNITY", tree.street(), null);
        JsonNode myGeneral = grids.create("GENERAL_GRID", mine, null);
        JsonNode theirGeneral = grids.create("GENERAL_GRID", neighbour, null);
        grids.staff(id(theirGeneral), "隔壁", "GENERAL_GRID_WORKER", true);

        scopeTo(mine);

        var roots = http.get("/api/v1/grids").json();
        assertThat(roots.path("items")).hasSize(1);
        assertThat(roots.path("items").get(0).path("code").asString()).isEqualTo(code(mine));
        assertThat(http.get("/api/v1/grids/" + id(myGeneral)).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/grids/" + id(theirGeneral)).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/grids/by-code/" + code(theirGeneral)).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/grids/" + id(theirGeneral) + "/staff").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/grids/" + id(neighbour) + "/figures").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/grids/" + id(tree.street()) + "/export.csv").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/grids?parentId=" + id(tree.street())).status()).isEqualTo(404);
        // the chain above one's own node is shown: those names are on every grid card anyway
        assertThat(http.get("/api/v1/grids/" + id(myGeneral) + "/chain").json()).hasSize(4);
    }

    @Test
    void writes_outside_the_scope_are_refused_and_change_nothing() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode neighbour = grids.create("COMMUNITY", tree.street(), null);
        JsonNode theirGeneral = grids.create("GENERAL_GRID", neighbour, null);
        String etag = http.get("/api/v1/grids/" + id(theirGeneral)).header("ETag");

        scopeTo(tree.community());

        var createThere = grids.tryCreate(Unique.code("G"), "GENERAL_GRID", code(neighbour), null);
        var rename = http.header("If-Match", etag).patch("/api/v1/grids/" + id(theirGeneral), "{\"name\":\"改名\"}");
        var moveMineThere = http.header("If-Match", http.get("/api/v1/grids/" + id(tree.community())).header("ETag"))
            .post("/api/v1/grids/" + id(tree.community()) + "/move", "{\"parentCode\":\"" + code(tree.district()) + "\"}");
        var district = grids.tryCreate(Unique.code("D"), "DISTRICT", null, null);
        var staff = http.post("/api/v1/grids/" + id(theirGeneral) + "/staff",
                "{\"personName\":\"x\",\"role\":\"GENERAL_GRID_WORKER\"}");

        assertThat(createThere.status()).isEqualTo(422);
        assertThat(rename.status()).isEqualTo(404);
        assertThat(moveMineThere.status()).isIn(404, 422);
        assertThat(district.status()).isEqualTo(403);
        assertThat(staff.status()).isEqualTo(404);
        TestScopes.reset();
        assertThat(http.get("/api/v1/grids/" + id(theirGeneral)).json().path("name").asString()).isNotEqualTo("改名");
        assertThat(http.get("/api/v1/grids/" + id(theirGeneral) + "/staff").json()).isEmpty();
    }
}
