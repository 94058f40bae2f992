package org.gridgov.grid;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.GridCoreTestApplication;
import org.gridgov.grid.internal.GridSpatialIndex;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestAreas;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridgov.testsupport.GridTreeFixture.code;
import static org.gridgov.testsupport.GridTreeFixture.id;
import static org.gridgov.testsupport.GridTreeFixture.rectangle;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocateIT {

    @LocalServerPort
    int port;

    @Autowired
    GridLocator locator;

    @Autowired
    GridSpatialIndex index;

    HttpTestClient http;
    GridTreeFixture grids;
    GridApi trees;

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
        grids = new GridTreeFixture(http);
        trees = new GridApi(grids);
    }

    /** A community with one general grid split into two micro grids (west, east) and a dedicated grid (a school). */
    record Neighbourhood(double lng, double lat, JsonNode community, JsonNode general, JsonNode west, JsonNode east,
            JsonNode school) {
    }

    Neighbourhood neighbourhood() {
        double[] area = TestAreas.large();
        double lng = area[0];
        double lat = area[1];
        var tree = trees.tree(lng, lat);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), rectangle(lng, lat, lng + 0.02, lat + 0.01));
        JsonNode west = grids.create("MICRO_GRID", general, rectangle(lng, lat, lng + 0.01, lat + 0.01));
        JsonNode east = grids.create("MICRO_GRID", general, rectangle(lng + 0.01, lat, lng + 0.02, lat + 0.01));
        JsonNode school = grids.create("DEDICATED_GRID", tree.community(),
                rectangle(lng + 0.012, lat + 0.002, lng + 0.014, lat + 0.004));
        return new Neighbourhood(lng, lat, tree.community(), general, west, east, school);
    }

    @Test
    void locates_a_point_to_its_micro_grid_with_the_chain_and_the_worker_on_duty() {
        var n = neighbourhood();
        http.post("/api/v1/grids/" + id(n.west()) + "/staff",
                "{\"personName\":\"王建国\",\"role\":\"MICRO_GRID_WORKER\",\"workPhone\":\"028-85551234\",\"primaryWorker\":true}");

        var located = http.get("/api/v1/locate?lat=" + (n.lat() + 0.005) + "&lng=" + (n.lng() + 0.005));

        assertThat(located.status()).as(located.toString()).isEqualTo(200);
        JsonNode body = located.json();
        assertThat(body.path("grid").path("code").asString()).isEqualTo(code(n.west()));
        assertThat(body.path("chain")).hasSize(5);
        assertThat(body.path("chain").get(0).path("type").asString()).isEqualTo("DISTRICT");
        assertThat(body.path("chain").get(3).path("code").asString()).isEqualTo(code(n.general()));
        assertThat(body.path("staffOnDuty").get(0).path("personName").asString()).isEqualTo("王建国");
        assertThat(body.path("staffOnDuty").get(0).path("workPhone").asString()).isEqualTo("028-85551234");
    }

    @Test
    void a_grid_worker_scanning_a_point_in_another_street_sees_only_the_public_card() {
        var mine = neighbourhood();
        var theirs = neighbourhood();
        grids.staff(id(theirs.west()), "李秀兰", "MICRO_GRID_WORKER", true);
        grids.staff(id(theirs.west()), "楼栋长赵六", "BUILDING_HEAD", false);
        grids.staff(id(mine.west()), "王建国", "MICRO_GRID_WORKER", true);
        HttpTestClient worker = http.as(TestCaller.gridWorker(id(mine.west())));

        var elsewhere = worker.get("/api/v1/locate?lat=" + (theirs.lat() + 0.005) + "&lng=" + (theirs.lng() + 0.005));
        var card = http.get("/api/v1/public/grid-cards/" + code(theirs.west()));

        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(200);
        JsonNode outside = elsewhere.json();
        assertThat(outside.path("inScope").asBoolean()).isFalse();
        assertThat(outside.path("card")).isEqualTo(card.json());
        assertThat(outside.path("card").path("workerName").asString()).isEqualTo("李秀兰");
        assertThat(outside.path("grid").isNull()).isTrue();
        assertThat(outside.path("chain").isNull()).isTrue();
        assertThat(outside.path("staffOnDuty").isNull()).isTrue();
        assertThat(elsewhere.body()).doesNotContain("楼栋长赵六").doesNotContain("\"id\":" + id(theirs.west()));

        JsonNode inside = worker.get("/api/v1/locate?lat=" + (mine.lat() + 0.005) + "&lng=" + (mine.lng() + 0.005))
            .json();
        assertThat(inside.path("inScope").asBoolean()).isTrue();
        assertThat(inside.path("grid").path("id").asLong()).isEqualTo(id(mine.west()));
        assertThat(inside.path("chain")).hasSize(5);
        assertThat(inside.path("staffOnDuty").get(0).path("personName").asString()).isEqualTo("王建国");
        assertThat(inside.path("card").path("workerName").asString()).isEqualTo("王建国");
        // residents have no part of the tree: the card only, wherever they are
        assertThat(http.as(TestCaller.resident()).get("/api/v1/locate?lat=" + (mine.lat() + 0.005) + "&lng="
                + (mine.lng() + 0.005)).json().path("inScope").asBoolean()).isFalse();
    }

    @Test
    void a_dedicated_grid_wins_over_the_micro_grid_around_it() {
        var n = neighbourhood();

        var inSchool = locator.gridAt(new GeoPoint(n.lat() + 0.003, n.lng() + 0.013));
        var besideSchool = locator.gridAt(new GeoPoint(n.lat() + 0.008, n.lng() + 0.013));

        assertThat(inSchool).get().extracting(GridNodeRef::code).isEqualTo(code(n.school()));
        assertThat(besideSchool).get().extracting(GridNodeRef::code).isEqualTo(code(n.east()));
    }

    @Test
    void a_point_in_the_community_but_outside_every_grid_falls_to_the_community() {
        var n = neighbourhood();

        var located = locator.gridAt(new GeoPoint(n.lat() + 0.5, n.lng() + 0.5));

        assertThat(located).get().extracting(GridNodeRef::code).isEqualTo(code(n.community()));
    }

    @Test
    void converts_gcj02_and_bd09_points_from_chinese_map_sdks() {
        var n = neighbourhood();
        double lat = n.lat() + 0.005;
        double lng = n.lng() + 0.005;
        GeoPoint gcj = CoordSystem.wgs84ToGcj02(lat, lng);
        GeoPoint bd = CoordSystem.gcj02ToBd09(gcj.lat(), gcj.lng());

        var viaGcj = http.get("/api/v1/locate?lat=" + gcj.lat() + "&lng=" + gcj.lng() + "&coordSystem=GCJ02").json();
        var viaBd = http.get("/api/v1/locate?lat=" + bd.lat() + "&lng=" + bd.lng() + "&coordSystem=BD09").json();

        assertThat(viaGcj.path("grid").path("code").asString()).isEqualTo(code(n.west()));
        assertThat(viaGcj.path("point").path("lat").asDouble()).isCloseTo(lat, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(viaBd.path("grid").path("code").asString()).isEqualTo(code(n.west()));
        assertThat(Math.abs(gcj.lng() - lng) + Math.abs(gcj.lat() - lat)).as("the GCJ-02 offset").isGreaterThan(0.001);
    }

    @Test
    void out_of_range_or_missing_coordinates_are_refused_naming_the_field() {
        var badLat = http.get("/api/v1/locate?lat=91&lng=104");
        var badLng = http.get("/api/v1/locate?lat=30&lng=-181");
        var notANumber = http.get("/api/v1/locate?lat=north&lng=104");
        var missing = http.get("/api/v1/locate?lng=104");
        var badSystem = http.get("/api/v1/locate?lat=30&lng=104&coordSystem=MARS");
        var outside = http.get("/api/v1/locate?lat=-60&lng=-60");

        assertThat(badLat.status()).isEqualTo(400);
        assertThat(badLat.json().path("errors").get(0).path("field").asString()).isEqualTo("lat");
        assertThat(badLng.json().path("errors").get(0).path("field").asString()).isEqualTo("lng");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().path("errors").get(0).path("field").asString()).isEqualTo("lat");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(badSystem.status()).isEqualTo(400);
        assertThat(badSystem.json().path("errors").get(0).path("field").asString()).isEqualTo("coordSystem");
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.json().path("code").asString()).isEqualTo("grid.locate.outside");
    }

    @Test
    void a_redrawn_boundary_moves_new_reports_while_old_ones_stay_with_the_grid_that_held_the_spot() {
        var n = neighbourhood();
        GeoPoint spot = new GeoPoint(n.lat() + 0.005, n.lng() + 0.009); // west, near the shared edge
        Instant before = Instant.now();
        assertThat(locator.gridAt(spot)).get().extracting(GridNodeRef::code).isEqualTo(code(n.west()));

        // east grows west: first shrink west, then widen east, as a district office would redraw them
        String westPath = "/api/v1/grids/" + id(n.west());
        String eastPath = "/api/v1/grids/" + id(n.east());
        var shrunk = http.header("If-Match", http.get(westPath).header("ETag")).put(westPath + "/boundary",
                "{\"boundary\":" + rectangle(n.lng(), n.lat(), n.lng() + 0.008, n.lat() + 0.01) + "}");
        var widened = http.header("If-Match", http.get(eastPath).header("ETag")).put(eastPath + "/boundary",
                "{\"boundary\":" + rectangle(n.lng() + 0.008, n.lat(), n.lng() + 0.02, n.lat() + 0.01) + "}");
        assertThat(shrunk.status()).as(shrunk.toString()).isEqualTo(200);
        assertThat(widened.status()).as(widened.toString()).isEqualTo(200);

        assertThat(locator.gridAt(spot)).get().extracting(GridNodeRef::code).isEqualTo(code(n.east()));
        assertThat(locator.gridAt(spot, before)).get().extracting(GridNodeRef::code).isEqualTo(code(n.west()));
    }

    @Test
    void a_retired_grid_is_no_longer_found() {
        var n = neighbourhood();
        String path = "/api/v1/grids/" + id(n.school());
        assertThat(index.byCode(code(n.school()))).extracting(GridSpatialIndex.NodeInfo::id).isEqualTo(id(n.school()));

        var retired = http.header("If-Match", http.get(path).header("ETag")).post(path + "/retire", "");

        assertThat(retired.status()).isEqualTo(200);
        assertThat(locator.gridAt(new GeoPoint(n.lat() + 0.003, n.lng() + 0.013))).get()
            .extracting(GridNodeRef::code).isEqualTo(code(n.east()));
        // nor by its code (the card's QR code): the index answers for the retired grid as of this version
        assertThat(index.byCode(code(n.school()))).isNull();
        assertThat(index.byCode(code(n.east()))).extracting(GridSpatialIndex.NodeInfo::id).isEqualTo(id(n.east()));
    }

    @Test
    void the_index_follows_boundary_changes_made_on_another_application_node() {
        var n = neighbourhood();
        GeoPoint farCorner = new GeoPoint(n.lat() + 0.0005, n.lng() + 0.0195);
        assertThat(locator.gridAt(farCorner)).get().extracting(GridNodeRef::code).isEqualTo(code(n.east()));
        long before = index.version(); // read first: this node's poller may pick the change up at any moment

        TestDatabase.Connection db = TestDatabase.get();
        try (ConfigurableApplicationContext otherNode = new SpringApplicationBuilder(GridCoreTestApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(), "--gridgov.scheduling.enabled=false")) {
            GridNodeService otherGrids = otherNode.getBean(GridNodeService.class);
            long version = otherGrids.get(id(n.east())).version();
            otherGrids.changeBoundary(id(n.east()),
                    rectangle(n.lng() + 0.01, n.lat() + 0.001, n.lng() + 0.02, n.lat() + 0.01), null, version);
        }

        index.refresh(); // what each node's poller does every couple of seconds

        assertThat(index.version()).isGreaterThan(before);
        assertThat(locator.gridAt(farCorner)).get().extracting(GridNodeRef::code).isEqualTo(code(n.general()));
    }
}
