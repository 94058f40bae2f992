package org.gridgov.grid;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
import static org.gridgov.testsupport.GridTreeFixture.square;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GridTreeIT {

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

    @Test
    void builds_the_tree_and_lists_children_with_their_counts() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), null);
        grids.create("MICRO_GRID", general, null);
        grids.create("MICRO_GRID", general, null);

        var children = http.get("/api/v1/grids?parentId=" + id(tree.community()));

        assertThat(children.status()).isEqualTo(200);
        assertThat(children.json().path("totalElements").asLong()).isEqualTo(1);
        JsonNode listed = children.json().path("items").get(0);
        assertThat(listed.path("code").asString()).isEqualTo(code(general));
        assertThat(listed.path("activeChildren").asLong()).isEqualTo(2);
        assertThat(listed.path("parentCode").asString()).isEqualTo(tree.communityCode());

        var chain = http.get("/api/v1/grids/" + id(general) + "/chain").json();
        assertThat(chain).hasSize(4);
        assertThat(chain.get(0).path("type").asString()).isEqualTo("DISTRICT");
        assertThat(chain.get(3).path("code").asString()).isEqualTo(code(general));
    }

    @Test
    void a_city_may_sit_above_its_districts_count_them_and_head_their_chains_while_other_districts_stay_roots() {
        double[] cell = org.gridgov.testsupport.TestAreas.large();
        double x = cell[0];
        double y = cell[1];
        JsonNode city = grids.create("CITY", null, square(x, y, 3));
        JsonNode district = grids.create("DISTRICT", city, square(x + 0.5, y + 0.5, 1));
        JsonNode street = grids.create("STREET", district, square(x + 0.6, y + 0.6, 0.5));
        JsonNode community = grids.create("COMMUNITY", street, square(x + 0.7, y + 0.7, 0.2));
        JsonNode general = grids.create("GENERAL_GRID", community, square(x + 0.7, y + 0.7, 0.1));
        JsonNode micro = grids.create("MICRO_GRID", general, square(x + 0.7, y + 0.7, 0.05));
        JsonNode rootDistrict = grids.create("DISTRICT", null, null);
        JsonNode rootStreet = grids.create("STREET", rootDistrict, square(x + 2, y + 2, 0.5));

        var cityUnderDistrict = grids.tryCreate(Unique.cityCode(), "CITY", code(district), null);
        var orphanStreet = grids.tryCreate(Unique.districtCode() + "001", "STREET", null, null);
        var cityOfAnOfficer = http.as(org.gridgov.testsupport.TestCaller.streetOfficer(id(street)))
            .post("/api/v1/grids", "{\"code\":\"" + Unique.cityCode() + "\",\"name\":\"成都市\",\"type\":\"CITY\"}");
        var joined = move(rootDistrict, city);

        assertThat(city.path("depth").asInt()).isZero();
        assertThat(micro.path("depth").asInt()).isEqualTo(5);
        assertThat(cityUnderDistrict.status()).isEqualTo(422);
        assertThat(cityUnderDistrict.json().path("code").asString()).isEqualTo("grid.node.parent-type");
        assertThat(orphanStreet.status()).isEqualTo(422);
        assertThat(orphanStreet.json().path("code").asString()).isEqualTo("grid.node.parent-required");
        assertThat(cityOfAnOfficer.status()).isEqualTo(403);
        assertThat(cityOfAnOfficer.json().path("code").asString()).isEqualTo("grid.scope.forbidden");
        var chain = http.get("/api/v1/grids/" + id(micro) + "/chain").json();
        assertThat(chain).hasSize(6);
        assertThat(chain.get(0).path("type").asString()).isEqualTo("CITY");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select path from grid_node where id = ?", String.class, id(rootStreet)))
            .isEqualTo("/" + id(city) + "/" + id(rootDistrict) + "/" + id(rootStreet) + "/");
        var figures = http.get("/api/v1/grids/" + id(city) + "/figures").json();
        assertThat(figures.path("descendantsByType").path("DISTRICT").asLong()).isEqualTo(2);
        assertThat(figures.path("descendantsByType").path("STREET").asLong()).isEqualTo(2);
        assertThat(figures.path("descendantsByType").path("MICRO_GRID").asLong()).isOne();
        var located = http.get("/api/v1/locate?lat=" + (y + 0.725) + "&lng=" + (x + 0.725)).json();
        assertThat(located.path("chain").get(0).path("code").asString()).isEqualTo(code(city));
        assertThat(located.path("card").path("chain").get(0).asString()).isEqualTo(city.path("name").asString());
        assertThat(http.get("/api/v1/grids?parentId=" + id(city)).json().path("items").toString())
            .contains(code(district)).contains(code(rootDistrict));
    }

    @Test
    void refuses_a_parent_of_the_wrong_type_naming_the_field() {
        var tree = trees.tree(104.0, 30.5);

        var response = grids.tryCreate(Unique.code("M"), "MICRO_GRID", tree.communityCode(), null);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("grid.node.parent-type");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("parentCode");
    }

    @Test
    void refuses_a_duplicate_code_and_an_unknown_parent() {
        var tree = trees.tree(104.0, 30.5);

        var duplicate = grids.tryCreate(tree.communityCode(), "GENERAL_GRID", tree.communityCode(), null);
        var orphan = grids.tryCreate(Unique.code("G"), "GENERAL_GRID", "NOPE404", null);

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("code").asString()).isEqualTo("grid.node.duplicate-code");
        assertThat(duplicate.json().path("errors").get(0).path("field").asString()).isEqualTo("code");
        assertThat(orphan.status()).isEqualTo(422);
        assertThat(orphan.json().path("code").asString()).isEqualTo("grid.node.unknown-parent");
    }

    @Test
    void bad_input_is_answered_with_problems_naming_the_field() {
        var unknownType = http.post("/api/v1/grids", "{\"code\":\"X1\",\"name\":\"x\",\"type\":\"VILLAGE\"}");
        var malformed = http.post("/api/v1/grids", "{\"code\": \"X1\", ");
        var wrongType = http.post("/api/v1/grids",
                "{\"code\":\"X2\",\"name\":\"x\",\"type\":\"DISTRICT\",\"partyOrganisation\":{\"a\":1}}");
        var blank = http.post("/api/v1/grids", "{\"code\":\"X3\",\"name\":\" \",\"type\":\"DISTRICT\"}");
        var badCode = http.post("/api/v1/grids", "{\"code\":\"a b\",\"name\":\"x\",\"type\":\"DISTRICT\"}");
        var textPlain = http.send("POST", "/api/v1/grids", "text/plain", "hello".getBytes());
        var badPage = http.get("/api/v1/grids?size=500");
        var badId = http.get("/api/v1/grids/abc");

        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().path("errors").get(0).path("field").asString()).isEqualTo("type");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("code").asString()).isEqualTo("request.malformed");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").get(0).path("field").asString()).isEqualTo("partyOrganisation");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(badCode.json().path("errors").get(0).path("field").asString()).isEqualTo("code");
        assertThat(textPlain.status()).isEqualTo(415);
        assertThat(textPlain.json().path("code").asString()).isEqualTo("request.unsupported-media-type");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.json().path("errors").get(0).path("field").asString()).isEqualTo("size");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("errors").get(0).path("field").asString()).isEqualTo("id");
        assertThat(http.get("/api/v1/grids/999999999").status()).isEqualTo(404);
    }

    @Test
    void updates_need_the_current_etag() {
        JsonNode district = grids.create("DISTRICT", null, null);
        String path = "/api/v1/grids/" + id(district);
        String etag = http.get(path).header("ETag");

        var missing = http.patch(path, "{\"name\":\"双流区\"}");
        var ok = http.header("If-Match", etag).patch(path, "{\"name\":\"双流区\"}");
        var stale = http.header("If-Match", etag).patch(path, "{\"name\":\"又改了\"}");

        assertThat(missing.status()).isEqualTo(428);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("name").asString()).isEqualTo("双流区");
        assertThat(ok.header("ETag")).isNotEqualTo(etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("code").asString()).isEqualTo("resource.version-stale");
        assertThat(http.get(path).json().path("name").asString()).isEqualTo("双流区");
    }

    @Test
    void conditional_get_answers_304_when_nothing_changed() {
        JsonNode district = grids.create("DISTRICT", null, null);
        String path = "/api/v1/grids/" + id(district);
        String etag = http.get(path).header("ETag");

        var again = http.header("If-None-Match", etag).get(path);

        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void moves_a_subtree_atomically_and_its_descendants_follow() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode otherCommunity = grids.create("COMMUNITY", tree.street(), null);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), null);
        JsonNode micro = grids.create("MICRO_GRID", general, null);
        String etag = http.get("/api/v1/grids/" + id(general)).header("ETag");

        var moved = http.header("If-Match", etag).post("/api/v1/grids/" + id(general) + "/move",
                "{\"parentCode\":\"" + code(otherCommunity) + "\"}");

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        var chain = http.get("/api/v1/grids/" + id(micro) + "/chain").json();
        assertThat(chain.get(2).path("code").asString()).isEqualTo(code(otherCommunity));
        assertThat(chain.get(4).path("code").asString()).isEqualTo(code(micro));
        String microPath = jdbc.queryForObject("select path from grid_node where id = ?", String.class, id(micro));
        assertThat(microPath).isEqualTo("/" + id(tree.district()) + "/" + id(tree.street()) + "/" + id(otherCommunity)
                + "/" + id(general) + "/" + id(micro) + "/");
    }

    @Test
    void refuses_moving_a_node_under_its_own_descendant_or_breaking_the_type_rule() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), null);
        String streetEtag = http.get("/api/v1/grids/" + id(tree.street())).header("ETag");
        String generalEtag = http.get("/api/v1/grids/" + id(general)).header("ETag");

        var cycle = http.header("If-Match", streetEtag).post("/api/v1/grids/" + id(tree.street()) + "/move",
                "{\"parentCode\":\"" + code(general) + "\"}");
        var typeRule = http.header("If-Match", generalEtag).post("/api/v1/grids/" + id(general) + "/move",
                "{\"parentCode\":\"" + code(tree.street()) + "\"}");

        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.json().path("code").asString()).isEqualTo("grid.node.move-cycle");
        assertThat(typeRule.status()).isEqualTo(422);
        assertThat(typeRule.json().path("code").asString()).isEqualTo("grid.node.parent-type");
        assertThat(http.get("/api/v1/grids/" + id(general) + "/chain").json().get(2).path("code").asString())
            .isEqualTo(tree.communityCode());
    }

    @Test
    void retiring_is_refused_while_children_or_staff_remain() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), null);
        JsonNode micro = grids.create("MICRO_GRID", general, null);
        var assigned = http.post("/api/v1/grids/" + id(micro) + "/staff",
                "{\"personName\":\"李芳\",\"role\":\"MICRO_GRID_WORKER\",\"primaryWorker\":true,"
                        + "\"assignedFrom\":\"" + java.time.LocalDate.now().minusDays(30) + "\"}");
        assertThat(assigned.status()).isEqualTo(201);

        var withChildren = http.header("If-Match", http.get("/api/v1/grids/" + id(general)).header("ETag"))
            .post("/api/v1/grids/" + id(general) + "/retire", "");
        var withStaff = http.header("If-Match", http.get("/api/v1/grids/" + id(micro)).header("ETag"))
            .post("/api/v1/grids/" + id(micro) + "/retire", "");

        assertThat(withChildren.status()).isEqualTo(409);
        assertThat(withChildren.json().path("code").asString()).isEqualTo("grid.node.retire-blocked");
        assertThat(withStaff.status()).isEqualTo(409);

        var ended = http.post("/api/v1/staff/" + assigned.json().path("id").asLong() + "/end",
                "{\"lastDay\":\"" + java.time.LocalDate.now().minusDays(1) + "\"}");
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        var retired = http.header("If-Match", http.get("/api/v1/grids/" + id(micro)).header("ETag"))
            .post("/api/v1/grids/" + id(micro) + "/retire", "");

        assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
        assertThat(retired.json().path("status").asString()).isEqualTo("RETIRED");
        assertThat(http.get("/api/v1/grids?parentId=" + id(general)).json().path("totalElements").asLong()).isZero();
        assertThat(http.get("/api/v1/grids/" + id(micro)).status()).isEqualTo(200);
    }

    @Test
    void a_grid_may_be_retired_on_the_last_day_of_its_last_assignment_not_while_it_runs_on() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), null);
        JsonNode micro = grids.create("MICRO_GRID", general, null);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        var assigned = http.post("/api/v1/grids/" + id(micro) + "/staff",
                "{\"personName\":\"李芳\",\"role\":\"MICRO_GRID_WORKER\",\"primaryWorker\":true,"
                        + "\"assignedFrom\":\"" + today.minusDays(30) + "\",\"assignedTo\":\"" + today.plusDays(1) + "\"}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);

        var whileOnDutyTomorrow = retire(micro);
        var ended = http.post("/api/v1/staff/" + assigned.json().path("id").asLong() + "/end",
                "{\"lastDay\":\"" + today + "\"}");
        var onTheLastDay = retire(micro);

        assertThat(whileOnDutyTomorrow.status()).isEqualTo(409);
        assertThat(whileOnDutyTomorrow.json().path("activeStaff").asLong()).isOne();
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.json().path("assignedTo").asString()).isEqualTo(today.toString());
        // still on duty today (the last day is inclusive), and yet the grid may be retired today
        assertThat(http.get("/api/v1/grids/" + id(micro) + "/staff").json()).hasSize(1);
        assertThat(onTheLastDay.status()).as(onTheLastDay.toString()).isEqualTo(200);
        assertThat(onTheLastDay.json().path("status").asString()).isEqualTo("RETIRED");
    }

    HttpTestClient.Response retire(JsonNode node) {
        return http.header("If-Match", http.get("/api/v1/grids/" + id(node)).header("ETag"))
            .post("/api/v1/grids/" + id(node) + "/retire", "");
    }

    @Test
    void every_change_of_the_tree_and_its_staff_is_audited_with_before_and_after_under_the_grid_s_path() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.1));
        String path = "/api/v1/grids/" + id(general);
        http.header("If-Match", http.get(path).header("ETag")).patch(path, "{\"name\":\"第一网格\"}");
        http.header("If-Match", http.get(path).header("ETag")).put(path + "/boundary",
                "{\"boundary\":" + square(104.0, 30.5, 0.2) + "}");
        long staffId = grids.staff(id(general), "赵敏", "GENERAL_GRID_WORKER", true);
        http.post("/api/v1/staff/" + staffId + "/end", "{}");
        assertThat(http.get(path).json().path("name").asString()).isEqualTo("第一网格");
        assertThat(retire(general).status()).isEqualTo(200);

        var events = jdbc.queryForList("""
                select action, scope_path, detail, actor from audit_event
                 where target_type = 'grid' and target_id = ? or target_type = 'grid_staff' and target_id = ?
                 order by id""",
                Long.toString(id(general)), Long.toString(staffId));
        String generalPath = jdbc.queryForObject("select path from grid_node where id = ?", String.class, id(general));
        assertThat(events).extracting(e -> e.get("action")).containsExactly("GRID_CREATED", "GRID_CHANGED",
                "GRID_BOUNDARY_CHANGED", "GRID_STAFF_ASSIGNED", "GRID_STAFF_ENDED", "GRID_RETIRED");
        assertThat(events).extracting(e -> e.get("scope_path")).containsOnly(generalPath);
        assertThat(events.get(1).get("detail").toString()).contains("\"before\":{\"name\":\"GENERAL_GRID ")
            .contains("\"after\":{\"name\":\"第一网格\"");
        assertThat(events.get(2).get("detail").toString()).contains("\"before\":{\"areaSquareMetres\":")
            .contains("validFrom");
        assertThat(events.get(4).get("detail").toString()).contains("\"assignedTo\":null")
            .contains("\"assignedTo\":\"" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "\"");
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_creates_once() {
        String key = UUID.randomUUID().toString();
        String code = Unique.districtCode();
        String body = "{\"code\":\"" + code + "\",\"name\":\"锦江区\",\"type\":\"DISTRICT\"}";

        var first = http.header("Idempotency-Key", key).post("/api/v1/grids", body);
        var retry = http.header("Idempotency-Key", key).post("/api/v1/grids", body);
        var otherBody = http.header("Idempotency-Key", key).post("/api/v1/grids", body.replace("锦江区", "青羊区"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.json().path("code").asString()).isEqualTo("idempotency.key-reused");
        assertThat(jdbc.queryForObject("select count(*) from grid_node where code = ?", Long.class, code)).isOne();
    }

    @Test
    void a_failed_create_is_not_remembered_under_its_idempotency_key() {
        String key = UUID.randomUUID().toString();
        var tree = trees.tree(104.0, 30.5);
        String code = tree.communityCode() + "G01";

        var failed = http.header("Idempotency-Key", key).post("/api/v1/grids",
                "{\"code\":\"" + code + "\",\"name\":\"g\",\"type\":\"GENERAL_GRID\",\"parentCode\":\"NOPE\"}");
        var fixed = http.header("Idempotency-Key", key).post("/api/v1/grids",
                "{\"code\":\"" + code + "\",\"name\":\"g\",\"type\":\"GENERAL_GRID\",\"parentCode\":\""
                        + tree.communityCode() + "\"}");

        assertThat(failed.status()).isEqualTo(422);
        assertThat(fixed.status()).isEqualTo(201);
    }

    @Test
    void invalid_boundaries_are_refused_and_nothing_is_written() {
        var tree = trees.tree(104.0, 30.5);
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[104.1,30.6],[104.2,30.7],[104.2,30.6],[104.1,30.7],[104.1,30.6]]]}";
        String point = "{\"type\":\"Point\",\"coordinates\":[104.1,30.6]}";
        String outOfRange = square(204.1, 30.6, 0.1);
        String code = tree.communityCode() + "G77";

        var selfIntersecting = grids.tryCreate(code, "GENERAL_GRID", tree.communityCode(), bowtie);
        var notAPolygon = grids.tryCreate(code, "GENERAL_GRID", tree.communityCode(), point);
        var badCoordinates = grids.tryCreate(code, "GENERAL_GRID", tree.communityCode(), outOfRange);
        var outsideParent = grids.tryCreate(code, "GENERAL_GRID", tree.communityCode(), square(105.5, 31.5, 0.1));

        assertThat(selfIntersecting.status()).isEqualTo(422);
        assertThat(selfIntersecting.json().path("code").asString()).isEqualTo("grid.boundary.invalid");
        assertThat(selfIntersecting.json().path("errors").get(0).path("field").asString()).isEqualTo("boundary");
        assertThat(selfIntersecting.json().path("detail").asString()).contains("Self-intersection");
        assertThat(notAPolygon.status()).isEqualTo(400);
        assertThat(notAPolygon.json().path("code").asString()).isEqualTo("grid.boundary.type");
        assertThat(badCoordinates.status()).isEqualTo(400);
        assertThat(outsideParent.status()).isEqualTo(422);
        assertThat(outsideParent.json().path("code").asString()).isEqualTo("grid.boundary.outside-parent");
        assertThat(jdbc.queryForObject("select count(*) from grid_node where code = ?", Long.class, code)).isZero();
    }

    @Test
    void micro_grids_may_not_overlap_their_siblings() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.5));
        grids.create("MICRO_GRID", general, square(104.0, 30.5, 0.1));
        grids.create("MICRO_GRID", general, square(104.1, 30.5, 0.1)); // shares an edge: fine

        var overlapping = grids.tryCreate(null, "MICRO_GRID", code(general),
                square(104.05, 30.5, 0.1));

        assertThat(overlapping.status()).isEqualTo(422);
        assertThat(overlapping.json().path("code").asString()).isEqualTo("grid.boundary.overlaps-sibling");
    }

    /** Degrees of longitude that make {@code metres} at latitude 30.5°. */
    static double east(double metres) {
        return metres / (111_412.84 * Math.cos(Math.toRadians(30.5)) - 93.5 * Math.cos(Math.toRadians(3 * 30.5)));
    }

    HttpTestClient.Response move(JsonNode node, JsonNode newParent) {
        return http.header("If-Match", http.get("/api/v1/grids/" + id(node)).header("ETag"))
            .post("/api/v1/grids/" + id(node) + "/move", "{\"parentCode\":\"" + code(newParent) + "\"}");
    }

    static void assertRefused(HttpTestClient.Response response, String problem, JsonNode grid, JsonNode other,
            String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.json().path("code").asString()).isEqualTo(problem);
        assertThat(response.json().path("grid").asString()).isEqualTo(code(grid));
        assertThat(response.json().path("otherGrid").asString()).isEqualTo(code(other));
        assertThat(response.json().path("detail").asString()).contains(code(grid)).contains(code(other));
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }

    @Test
    void a_micro_grid_moved_under_a_general_grid_that_does_not_contain_it_is_refused_naming_both() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode west = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.1));
        JsonNode east = grids.create("GENERAL_GRID", tree.community(), square(104.2, 30.5, 0.1));
        JsonNode micro = grids.create("MICRO_GRID", west, square(104.0, 30.5, 0.05));

        var moved = move(micro, east);

        assertRefused(moved, "grid.boundary.outside-parent", micro, east, "parentCode");
        assertThat(http.get("/api/v1/grids/" + id(micro)).json().path("parentCode").asString()).isEqualTo(code(west));
        assertThat(http.get("/api/v1/grids/" + id(micro)).json().path("version").asLong())
            .isEqualTo(micro.path("version").asLong());
    }

    @Test
    void siblings_may_not_overlap_at_any_level_and_identical_communities_are_refused() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.1));

        var onSibling = grids.tryCreate(null, "GENERAL_GRID", tree.communityCode(),
                square(104.05, 30.5, 0.1));
        var twin = grids.tryCreate(GridTreeFixture.codeFor("COMMUNITY", code(tree.street())), "COMMUNITY", code(tree.street()), square(104.0, 30.5, 1));

        assertThat(onSibling.status()).as(onSibling.toString()).isEqualTo(422);
        assertThat(onSibling.json().path("code").asString()).isEqualTo("grid.boundary.overlaps-sibling");
        assertThat(onSibling.json().path("otherGrid").asString()).isEqualTo(code(general));
        assertThat(twin.status()).isEqualTo(422);
        assertThat(twin.json().path("otherGrid").asString()).isEqualTo(tree.communityCode());
        assertThat(twin.json().path("detail").asString()).contains("(100 % of");
        // a grid may also not be redrawn onto its sibling
        JsonNode other = grids.create("GENERAL_GRID", tree.community(), square(104.2, 30.5, 0.1));
        var redrawn = http.header("If-Match", http.get("/api/v1/grids/" + id(other)).header("ETag"))
            .put("/api/v1/grids/" + id(other) + "/boundary", "{\"boundary\":" + square(104.09, 30.5, 0.1) + "}");
        assertRefused(redrawn, "grid.boundary.overlaps-sibling", other, general, "boundary");
    }

    @Test
    void a_metre_of_drawing_slack_is_tolerated_at_edges_and_more_is_not() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.1));
        JsonNode west = grids.create("MICRO_GRID", general, GridTreeFixture.rectangle(104.0, 30.5, 104.05, 30.6));

        // half a metre beyond the parent's east edge; a sliver half a metre wide along the sibling's edge
        var slack = grids.tryCreate(null, "MICRO_GRID", code(general),
                GridTreeFixture.rectangle(104.05 - east(0.5), 30.5, 104.1 + east(0.5), 30.6));
        // five metres beyond the edge
        var beyond = grids.tryCreate(null, "MICRO_GRID", code(general),
                GridTreeFixture.rectangle(104.02, 30.61 - 0.001, 104.04, 30.6 + 0.00005));
        // twenty metres onto the sibling
        var overlapping = grids.tryCreate(null, "MICRO_GRID", code(general),
                GridTreeFixture.rectangle(104.05 - east(20), 30.5, 104.06, 30.51));

        assertThat(slack.status()).as(slack.toString()).isEqualTo(201);
        assertThat(beyond.status()).as(beyond.toString()).isEqualTo(422);
        assertThat(beyond.json().path("code").asString()).isEqualTo("grid.boundary.outside-parent");
        assertThat(beyond.json().path("otherGrid").asString()).isEqualTo(code(general));
        assertThat(overlapping.status()).as(overlapping.toString()).isEqualTo(422);
        assertThat(overlapping.json().path("code").asString()).isEqualTo("grid.boundary.overlaps-sibling");
    }

    @Test
    void a_dedicated_grid_may_lie_over_general_and_micro_grids_but_not_over_another_dedicated_grid() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.1));
        grids.create("MICRO_GRID", general, square(104.0, 30.5, 0.1));
        JsonNode school = grids.create("DEDICATED_GRID", tree.community(), square(104.02, 30.52, 0.02));

        var hospital = grids.tryCreate(null, "DEDICATED_GRID", tree.communityCode(),
                square(104.03, 30.53, 0.02));

        assertThat(hospital.status()).as(hospital.toString()).isEqualTo(422);
        assertThat(hospital.json().path("otherGrid").asString()).isEqualTo(code(school));
    }

    @Test
    void a_redrawn_grid_must_keep_its_children_inside_and_an_undrawn_parent_defers_to_the_grid_above() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.1));
        JsonNode micro = grids.create("MICRO_GRID", general, square(104.05, 30.55, 0.05));
        JsonNode undrawn = grids.create("GENERAL_GRID", tree.community(), null);

        var shrunk = http.header("If-Match", http.get("/api/v1/grids/" + id(general)).header("ETag"))
            .put("/api/v1/grids/" + id(general) + "/boundary", "{\"boundary\":" + square(104.0, 30.5, 0.05) + "}");
        var outsideCommunity = grids.tryCreate(null, "MICRO_GRID", code(undrawn),
                square(105.5, 30.5, 0.05));

        assertRefused(shrunk, "grid.boundary.child-outside", general, micro, "boundary");
        assertThat(outsideCommunity.status()).isEqualTo(422);
        assertThat(outsideCommunity.json().path("code").asString()).isEqualTo("grid.boundary.outside-parent");
        assertThat(outsideCommunity.json().path("otherGrid").asString()).isEqualTo(tree.communityCode());
    }

    @Test
    void a_redrawn_boundary_keeps_the_old_one_in_its_history() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.5));
        String path = "/api/v1/grids/" + id(general);

        var redrawn = http.header("If-Match", http.get(path).header("ETag")).put(path + "/boundary",
                "{\"boundary\":" + square(104.2, 30.6, 0.5) + "}");

        assertThat(redrawn.status()).as(redrawn.toString()).isEqualTo(200);
        var history = http.get(path + "/boundaries").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("validTo").isNull()).isTrue();
        assertThat(history.get(1).path("validTo").asString()).isEqualTo(history.get(0).path("validFrom").asString());
        assertThat(http.get(path + "/boundary").json().path("geometry").path("coordinates").get(0).get(0).get(0)
            .asDouble()).isEqualTo(104.2);
    }
}
