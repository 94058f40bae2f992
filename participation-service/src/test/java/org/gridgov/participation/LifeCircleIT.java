package org.gridgov.participation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableWriter;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.HttpTestClient.Response;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 15-minute life circle through the REST API against the real PostgreSQL: facilities imported from a GBK CSV, a
 * UTF-8-BOM CSV of one kind's template, an .xlsx with Chinese headings and GeoJSON; a file with bad rows refused
 * whole with every problem by row and field; the data scope on facilities, imports and reports; the nearest facilities
 * of each kind with the method named; and the coverage of a small layout whose walking times are checked by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LifeCircleIT {

    /** Metres per degree of longitude at latitude {@code lat} (mean earth radius 6,371,008.8 m). */
    static double metresPerLngDegree(double lat) {
        return Math.PI * 6_371_008.8 / 180 * Math.cos(Math.toRadians(lat));
    }

    static final Charset GBK = Charset.forName("GBK");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestTree mine;
    TestTree theirs;
    HttpTestClient myWorker;
    HttpTestClient theirWorker;

    @BeforeEach
    void setUp() {
        GridTreeFixture grids = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin()));
        mine = grids.tree();
        theirs = grids.tree();
        myWorker = HttpTestClient.at(port).as(TestCaller.communityWorker(mine.community().id()));
        theirWorker = HttpTestClient.at(port).as(TestCaller.communityWorker(theirs.community().id()));
    }

    long facilities(TestTree tree) {
        return jdbc.queryForObject("select count(*) from participation_facility f join grid_node g on g.id = f.grid_id "
                + "where g.path like (select path from grid_node where id = ?) || '%'", Long.class,
                tree.district().id());
    }

    @Test
    void imports_a_gbk_csv_with_chinese_headings_detecting_its_charset() {
        String csv = "名称,类别,等级,地址,纬度,经度\r\n"
                + "锦江社区卫生服务站,医疗养老,15分钟,锦江路1号," + mine.lat() + "," + mine.lng() + "\r\n"
                + "社区文化活动室,文化活动,5-10分钟,," + (mine.lat() + 0.001) + "," + mine.lng() + "\r\n";
        Response imported = myWorker.postFile("/api/v1/participation/facilities/import?gridId=" + mine.community().id(),
                "设施.csv", "text/csv", csv.getBytes(GBK));

        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().path("format").asString()).isEqualTo("CSV");
        assertThat(imported.json().path("created").asInt()).isEqualTo(2);
        JsonNode listed = myWorker.get("/api/v1/participation/facilities?gridId=" + mine.community().id()
                + "&kind=HEALTH_ELDERLY").json();
        assertThat(listed.path("items").get(0).path("name").asString()).isEqualTo("锦江社区卫生服务站");
        assertThat(listed.path("items").get(0).path("kindName").asString()).isEqualTo("医疗养老");
        assertThat(listed.path("items").get(0).path("level").asString()).isEqualTo("FIFTEEN_MINUTES");
    }

    @Test
    void imports_a_utf8_bom_csv_of_one_kinds_template_and_a_second_import_updates_instead_of_duplicating() {
        Response template = myWorker.get("/api/v1/participation/facilities/template?kind=SPORTS");
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.body()).startsWith("\uFEFF名称,类别,等级,地址,纬度,经度,网格代码,坐标系").contains("体育健身");

        String csv = "\uFEFF名称,地址,纬度,经度,网格代码\n全民健身广场,体育路2号," + mine.lat() + "," + mine.lng() + ","
                + mine.community().code() + "\n";
        Response first = myWorker.postFile("/api/v1/participation/facilities/import?kind=SPORTS", "sports.csv",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("created").asInt()).isEqualTo(1);

        Response again = myWorker.postFile("/api/v1/participation/facilities/import?kind="
                + java.net.URLEncoder.encode("体育健身", StandardCharsets.UTF_8), "sports.csv",
                "text/csv", csv.replace("体育路2号", "体育路4号").getBytes(StandardCharsets.UTF_8));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("created").asInt()).isZero();
        assertThat(again.json().path("updated").asInt()).isEqualTo(1);
        JsonNode listed = myWorker.get("/api/v1/participation/facilities?gridId=" + mine.community().id()).json();
        assertThat(listed.path("totalElements").asInt()).isEqualTo(1);
        assertThat(listed.path("items").get(0).path("address").asString()).isEqualTo("体育路4号");
        assertThat(listed.path("items").get(0).path("kind").asString()).isEqualTo("SPORTS");
    }

    @Test
    void imports_an_xlsx_with_chinese_headings_and_a_geojson_feature_collection() {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (TableWriter writer = TableWriter.open(TableFormat.XLSX, xlsx, "设施",
                List.of("名称", "类别", "等级", "纬度", "经度", "网格代码"))) {
            writer.row("社区党群服务中心", "社区管理", "15分钟", String.valueOf(mine.lat()), String.valueOf(mine.lng()),
                    mine.community().code());
            writer.row("社区学校", "终身教育", "5-10分钟", String.valueOf(mine.lat()), String.valueOf(mine.lng() + 0.002),
                    mine.micro().code());
        }
        Response fromXlsx = myWorker.postFile("/api/v1/participation/facilities/import", "设施.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.toByteArray());
        assertThat(fromXlsx.status()).as(fromXlsx.toString()).isEqualTo(200);
        assertThat(fromXlsx.json().path("format").asString()).isEqualTo("XLSX");
        assertThat(fromXlsx.json().path("created").asInt()).isEqualTo(2);

        String geojson = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[%s,%s]},
                  "properties":{"name":"口袋公园","kind":"GREEN_LEISURE","level":"FIVE_TO_TEN_MINUTES"}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[%s,%s]},
                  "properties":{"名称":"公交站","类别":"交通市政"}}]}""".formatted(mine.lng(), mine.lat(),
                mine.lng() + 0.001, mine.lat());
        Response fromGeoJson = myWorker.postFile("/api/v1/participation/facilities/import?gridId="
                + mine.community().id(), "facilities.geojson", "application/geo+json",
                geojson.getBytes(StandardCharsets.UTF_8));
        assertThat(fromGeoJson.status()).as(fromGeoJson.toString()).isEqualTo(200);
        assertThat(fromGeoJson.json().path("format").asString()).isEqualTo("GEOJSON");
        assertThat(fromGeoJson.json().path("created").asInt()).isEqualTo(2);
        assertThat(facilities(mine)).isEqualTo(4);
    }

    @Test
    void a_file_with_bad_rows_writes_nothing_and_names_every_problem_by_row_and_field() {
        String csv = "名称,类别,纬度,经度\n"
                + "好的设施,商业服务," + mine.lat() + "," + mine.lng() + "\n"
                + "坏纬度,商业服务,北纬三十度," + mine.lng() + "\n"
                + "坏类别,医院," + mine.lat() + "," + mine.lng() + "\n"
                + ",文化活动," + mine.lat() + ",200\n";
        Response refused = myWorker.postFile("/api/v1/participation/facilities/import?gridId=" + mine.community().id(),
                "bad.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("code").asString()).isEqualTo("participation.facility.import.rows");
        List<String> fields = refused.json().path("errors").valueStream().map(e -> e.path("field").asString())
            .toList();
        assertThat(fields).containsExactlyInAnyOrder("rows[3].lat", "rows[4].kind", "rows[5].name", "rows[5].lng");
        assertThat(refused.json().path("errors").valueStream().map(e -> e.path("message").asString()))
            .anySatisfy(m -> assertThat(m).contains("Row 3").contains("纬度").contains("北纬三十度"))
            .anySatisfy(m -> assertThat(m).contains("Row 4").contains("类别").contains("医院"));
        assertThat(facilities(mine)).isZero();
    }

    @Test
    void a_worker_of_another_community_neither_sees_nor_imports_nor_reports_on_my_community() {
        long id = myWorker.post("/api/v1/participation/facilities", facility(mine.community().id(), "HEALTH_ELDERLY",
                "卫生站", mine.lat(), mine.lng())).json().path("id").asLong();

        assertThat(theirWorker.get("/api/v1/participation/facilities/" + id).status()).isEqualTo(404);
        assertThat(theirWorker.get("/api/v1/participation/facilities").json().path("items").valueStream()
            .map(f -> f.path("id").asLong())).doesNotContain(id);
        Response importing = theirWorker.postFile("/api/v1/participation/facilities/import?gridId="
                + mine.community().id(), "x.csv", "text/csv",
                ("名称,类别,纬度,经度\n站,医疗养老," + mine.lat() + "," + mine.lng() + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(importing.status()).isEqualTo(400);
        assertThat(importing.json().path("errors").get(0).path("field").asString()).isEqualTo("gridId");
        Response byCode = theirWorker.postFile("/api/v1/participation/facilities/import", "x.csv", "text/csv",
                ("名称,类别,纬度,经度,网格代码\n站,医疗养老," + mine.lat() + "," + mine.lng() + ","
                        + mine.community().code() + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(byCode.status()).isEqualTo(422);
        assertThat(byCode.json().path("errors").get(0).path("field").asString()).isEqualTo("rows[2].gridCode");
        Response report = theirWorker.get("/api/v1/participation/life-circle/coverage?gridId=" + mine.community().id());
        assertThat(report.status()).isEqualTo(400);
        assertThat(report.json().path("errors").get(0).path("field").asString()).isEqualTo("gridId");
        assertThat(theirWorker.delete("/api/v1/participation/facilities/" + id).status()).isEqualTo(404);
        assertThat(facilities(mine)).isEqualTo(1);
    }

    @Test
    void refuses_a_facility_without_kind_or_with_a_latitude_off_the_globe_naming_the_field() {
        Response noKind = myWorker.post("/api/v1/participation/facilities", facility(mine.community().id(), "",
                "站", mine.lat(), mine.lng()));
        assertThat(noKind.status()).isEqualTo(400);
        assertThat(noKind.json().path("errors").get(0).path("field").asString()).isEqualTo("kind");
        Response offGlobe = myWorker.post("/api/v1/participation/facilities", facility(mine.community().id(),
                "SPORTS", "站", 91, mine.lng()));
        assertThat(offGlobe.status()).isEqualTo(400);
        assertThat(offGlobe.json().path("errors").get(0).path("field").asString()).isEqualTo("lat");
        Response nearest = myWorker.get("/api/v1/participation/life-circle/nearest?lat=30&lng=103&withinMinutes=90");
        assertThat(nearest.status()).isEqualTo(400);
        assertThat(nearest.json().path("errors").get(0).path("field").asString()).isEqualTo("withinMinutes");
    }

    @Test
    void the_nearest_facilities_of_each_kind_carry_walking_time_and_name_the_method() {
        double perMetre = 1 / metresPerLngDegree(mine.lat());
        // two clinics 200 m and 500 m east, a park 2 km east (beyond 15 minutes)
        myWorker.post("/api/v1/participation/facilities", facility(mine.community().id(), "HEALTH_ELDERLY", "近站",
                mine.lat(), mine.lng() + 200 * perMetre));
        myWorker.post("/api/v1/participation/facilities", facility(mine.community().id(), "HEALTH_ELDERLY", "远站",
                mine.lat(), mine.lng() + 500 * perMetre));
        myWorker.post("/api/v1/participation/facilities", facility(mine.community().id(), "GREEN_LEISURE", "公园",
                mine.lat(), mine.lng() + 2000 * perMetre));

        Response nearest = HttpTestClient.at(port).as(TestCaller.resident()).get(
                "/api/v1/participation/life-circle/nearest?lat=" + mine.lat() + "&lng=" + mine.lng());
        assertThat(nearest.status()).as(nearest.toString()).isEqualTo(200);
        JsonNode answer = nearest.json();
        assertThat(answer.path("method").asString()).contains("× 1.30").contains("1.2 m/s").contains("4.3 km/h")
            .contains("not a street-network route");
        assertThat(answer.path("kinds")).hasSize(8);
        JsonNode health = kind(answer, "HEALTH_ELDERLY").path("nearest");
        assertThat(health).hasSize(2);
        assertThat(health.get(0).path("name").asString()).isEqualTo("近站");
        assertThat(health.get(0).path("straightMetres").asLong()).isBetween(199L, 201L);
        // 200 m × 1.3 ÷ 72 m/min = 3.6 min; 500 m → 9.0 min
        assertThat(health.get(0).path("walkingMinutes").asDouble()).isEqualTo(3.6);
        assertThat(health.get(1).path("walkingMinutes").asDouble()).isEqualTo(9.0);
        assertThat(kind(answer, "GREEN_LEISURE").path("nearest")).isEmpty();
        JsonNode further = HttpTestClient.at(port).as(TestCaller.resident()).get(
                "/api/v1/participation/life-circle/nearest?lat=" + mine.lat() + "&lng=" + mine.lng()
                        + "&withinMinutes=45&perKind=1").json();
        assertThat(kind(further, "GREEN_LEISURE").path("nearest").get(0).path("walkingMinutes").asDouble())
            .isEqualTo(36.1);
        assertThat(kind(further, "HEALTH_ELDERLY").path("nearest")).hasSize(1);
    }

    /**
     * Four located buildings 100, 400, 700 and 1000 m east of a clinic (1.8, 7.2, 12.6 and 18.1 walking minutes), a
     * cultural centre on the last one, and a building that was never located.
     */
    @Test
    void the_coverage_report_counts_dwellings_beyond_5_10_and_15_minutes_of_each_kind() {
        double perMetre = 1 / metresPerLngDegree(mine.lat());
        myWorker.post("/api/v1/participation/facilities", facility(mine.community().id(), "HEALTH_ELDERLY", "卫生站",
                mine.lat(), mine.lng()));
        myWorker.post("/api/v1/participation/facilities", facility(mine.community().id(), "CULTURE", "文化中心",
                mine.lat(), mine.lng() + 1000 * perMetre));
        long compound = compound(mine);
        for (int metres : new int[] { 100, 400, 700, 1000 }) {
            dwelling(building(compound, "B" + metres, mine.lat(), mine.lng() + metres * perMetre), "101");
        }
        dwelling(building(compound, "NOWHERE", null, null), "101");

        Response response = myWorker.get("/api/v1/participation/life-circle/coverage?gridId=" + mine.community().id());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("method").asString()).contains("not a street-network route");
        assertThat(report.path("dwellings").asInt()).isEqualTo(5);
        assertThat(report.path("locatedDwellings").asInt()).isEqualTo(4);
        assertThat(report.path("unlocatedDwellings").asInt()).isEqualTo(1);
        JsonNode health = kind(report, "HEALTH_ELDERLY");
        assertThat(List.of(health.path("beyond5").asInt(), health.path("beyond10").asInt(),
                health.path("beyond15").asInt())).containsExactly(3, 2, 1);
        assertThat(List.of(health.path("beyond5Percent").asDouble(), health.path("beyond10Percent").asDouble(),
                health.path("beyond15Percent").asDouble())).containsExactly(75.0, 50.0, 25.0);
        JsonNode culture = kind(report, "CULTURE");
        // from the cultural centre: 900 m (16.3 min), 600 m (10.8), 300 m (5.4), 0 m
        assertThat(List.of(culture.path("beyond5").asInt(), culture.path("beyond10").asInt(),
                culture.path("beyond15").asInt())).containsExactly(3, 2, 1);
        JsonNode sports = kind(report, "SPORTS");
        assertThat(sports.path("beyond15").asInt()).isEqualTo(4);
        assertThat(sports.path("beyond15Percent").asDouble()).isEqualTo(100.0);
        assertThat(report.path("gaps")).hasSize(4); // every dwelling lacks sports within 15 minutes
        assertThat(report.path("gaps").get(0).path("maskedAddress").asString()).endsWith("***");

        JsonNode clinicGaps = myWorker.get("/api/v1/participation/life-circle/coverage?gridId="
                + mine.community().id() + "&kind=HEALTH_ELDERLY&thresholdMinutes=10").json().path("gaps");
        assertThat(clinicGaps).hasSize(2);
        assertThat(clinicGaps.get(0).path("nearestMinutes").path("HEALTH_ELDERLY").asDouble()).isEqualTo(12.6);
        assertThat(clinicGaps.get(1).path("nearestMinutes").has("HEALTH_ELDERLY")).isFalse(); // 18.1 min: none within 15

        Response csv = myWorker.get("/api/v1/participation/life-circle/coverage/export?gridId=" + mine.community().id()
                + "&kind=HEALTH_ELDERLY&thresholdMinutes=10");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines()).hasSize(3);
        assertThat(csv.body()).contains("12.6").contains(">15");

        JsonNode figures = HttpTestClient.at(port).as(TestCaller.admin()).get("/api/v1/grids/"
                + mine.community().id() + "/figures").json();
        JsonNode lifeCircle = figures.path("extensions").path("lifeCircle");
        assertThat(lifeCircle.path("locatedDwellings").asInt()).as(figures.toString()).isEqualTo(4);
        assertThat(lifeCircle.path("healthElderlyCoverage").asDouble()).isEqualTo(0.75);
        assertThat(lifeCircle.path("cultureCoverage").asDouble()).isEqualTo(0.75);
        assertThat(lifeCircle.path("sportsCoverage").asDouble()).isZero();
        JsonNode street = HttpTestClient.at(port).as(TestCaller.admin()).get("/api/v1/grids/" + mine.street().id()
                + "/figures").json();
        assertThat(street.path("extensions").path("lifeCircle").path("locatedDwellings").isMissingNode()).isTrue();
    }

    static JsonNode kind(JsonNode answer, String kind) {
        return answer.path("kinds").valueStream().filter(k -> k.path("kind").asString().equals(kind)).findFirst()
            .orElseThrow();
    }

    static String facility(long gridId, String kind, String name, double lat, double lng) {
        return "{\"gridId\":" + gridId + ",\"kind\":\"" + kind + "\",\"name\":\"" + name + "\",\"lat\":" + lat
                + ",\"lng\":" + lng + "}";
    }

    // dwellings are resident-service's: written here straight into its tables, as the platform's importer would

    long compound(TestTree tree) {
        return jdbc.queryForObject("insert into resident_compound (code, name, community_id, community_path) values "
                + "(?, '锦江苑', ?, (select path from grid_node where id = ?)) returning id", Long.class,
                "LC" + Unique.next(), tree.community().id(), tree.community().id());
    }

    long building(long compound, String code, Double lat, Double lng) {
        return jdbc.queryForObject("insert into resident_building (compound_id, code, name, lat, lng) values "
                + "(?, ?, ?, ?, ?) returning id", Long.class, compound, code, code + "栋", lat, lng);
    }

    void dwelling(long building, String room) {
        jdbc.update("insert into resident_dwelling (building_id, room, grid_id, grid_path) values (?, ?, ?, "
                + "(select path from grid_node where id = ?))", building, room, mine.micro().id(), mine.micro().id());
    }
}
