package org.gridgov.grid;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.grid.synthetic.SyntheticCity;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestAreas;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridgov.testsupport.GridTreeFixture.rectangle;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GridImportIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GridLocator locator;

    HttpTestClient http;

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
    }

    /** A small hierarchy as GeoJSON, in a fresh area, with codes unique to this call. */
    record Sample(String geoJson, String prefix, double lng, double lat) {
    }

    static Sample sample() {
        double[] area = TestAreas.large();
        double x = area[0];
        double y = area[1];
        String p = Unique.districtCode();
        List<String> features = new ArrayList<>();
        features.add(feature(c(p, "D"), "示范区", "DISTRICT", null, rectangle(x, y, x + 1, y + 1)));
        features.add(feature(c(p, "S"), "示范街道", "STREET", c(p, "D"), rectangle(x, y, x + 0.5, y + 0.5)));
        features.add(feature(c(p, "C"), "示范社区", "COMMUNITY", c(p, "S"), rectangle(x, y, x + 0.1, y + 0.1)));
        features.add(feature(c(p, "G"), "第1网格", "GENERAL_GRID", c(p, "C"), rectangle(x, y, x + 0.02, y + 0.01)));
        features.add(feature(c(p, "M1"), "第1微网格", "MICRO_GRID", c(p, "G"), rectangle(x, y, x + 0.01, y + 0.01)));
        features.add(feature(c(p, "M2"), "第2微网格", "MICRO_GRID", c(p, "G"), rectangle(x + 0.01, y, x + 0.02, y + 0.01)));
        features.add(feature(c(p, "X"), "第1小学", "DEDICATED_GRID", c(p, "C"), rectangle(x + 0.05, y + 0.05, x + 0.06, y + 0.06)));
        return new Sample(collection(features), p, x, y);
    }

    /** The code of one grid of a sample tree under district {@code p}, keeping the code rule. */
    static String c(String p, String which) {
        return switch (which) {
            case "D" -> p;
            case "S" -> p + "001";
            case "C" -> p + "001001";
            case "G" -> p + "001001G01";
            case "M1" -> p + "001001G01M01";
            case "M2" -> p + "001001G01M02";
            case "X" -> p + "001001D01";
            default -> p + "001001" + which;
        };
    }

    static String feature(String code, String name, String type, String parentCode, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"type\":\""
                + type + "\",\"parentCode\":" + (parentCode == null ? "null" : "\"" + parentCode + "\"")
                + "},\"geometry\":" + (geometry == null ? "null" : geometry) + "}";
    }

    static String collection(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    JsonNode importFile(String fileName, String content) {
        var submitted = http.postFile("/api/v1/grid-imports", fileName, "application/octet-stream",
                content.getBytes(StandardCharsets.UTF_8));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        assertThat(submitted.header("Location")).endsWith("/api/v1/grid-imports/" + submitted.json().path("id").asLong());
        return awaitFinished(submitted.json().path("id").asLong());
    }

    JsonNode awaitFinished(long id) {
        return await("import " + id + " finished").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
            .until(() -> http.get("/api/v1/grid-imports/" + id).json(),
                    job -> job.path("status").asString().equals("SUCCEEDED")
                            || job.path("status").asString().equals("FAILED"));
    }

    @Test
    void imports_a_hierarchy_and_a_second_import_of_the_same_file_changes_nothing() {
        Sample sample = sample();

        JsonNode first = importFile("city.geojson", sample.geoJson());
        long versionAfterFirst = jdbc.queryForObject("select version from grid_node where code = ?", Long.class,
                c(sample.prefix(), "M1"));
        JsonNode second = importFile("city.geojson", sample.geoJson());

        assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.path("createdCount").asInt()).isEqualTo(7);
        assertThat(first.path("total").asInt()).isEqualTo(7);
        assertThat(first.path("done").asInt()).isEqualTo(7);
        assertThat(second.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(second.path("createdCount").asInt()).isZero();
        assertThat(second.path("updatedCount").asInt()).isZero();
        assertThat(second.path("unchangedCount").asInt()).isEqualTo(7);
        assertThat(jdbc.queryForObject("select version from grid_node where code = ?", Long.class,
                c(sample.prefix(), "M1"))).isEqualTo(versionAfterFirst);
        assertThat(locator.gridAt(new GeoPoint(sample.lat() + 0.005, sample.lng() + 0.015)))
            .get().extracting(GridNodeRef::code).isEqualTo(c(sample.prefix(), "M2"));
    }

    @Test
    void an_import_with_errors_reports_each_feature_and_writes_nothing() {
        double[] area = TestAreas.large();
        double x = area[0];
        double y = area[1];
        String p = Unique.districtCode();
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[" + x + "," + y + "],[" + (x + 0.01) + "," + (y + 0.01)
                + "],[" + (x + 0.01) + "," + y + "],[" + x + "," + (y + 0.01) + "],[" + x + "," + y + "]]]}";
        String file = collection(List.of(
                feature(c(p, "D"), "区", "DISTRICT", null, rectangle(x, y, x + 1, y + 1)),
                feature(c(p, "S"), "街道", "STREET", c(p, "D"), rectangle(x, y, x + 0.5, y + 0.5)),
                feature(c(p, "C"), "社区", "COMMUNITY", c(p, "S"), rectangle(x, y, x + 0.1, y + 0.1)),
                feature(p + "V", "村", "VILLAGE", c(p, "S"), null),
                feature(p + "O", "孤儿", "COMMUNITY", "NO-SUCH-PARENT", null),
                feature(p + "W", "错层", "MICRO_GRID", c(p, "C"), null),
                feature(c(p, "G"), "网格", "GENERAL_GRID", c(p, "C"), rectangle(x, y, x + 0.02, y + 0.02)),
                feature(p + "B", "自交", "MICRO_GRID", c(p, "G"), bowtie),
                feature(p + "F", "越界", "MICRO_GRID", c(p, "G"), rectangle(x + 0.5, y + 0.5, x + 0.51, y + 0.51)),
                feature(c(p, "M1"), "一", "MICRO_GRID", c(p, "G"), rectangle(x, y, x + 0.01, y + 0.02)),
                feature(c(p, "M2"), "二", "MICRO_GRID", c(p, "G"), rectangle(x + 0.005, y, x + 0.015, y + 0.02)),
                feature(c(p, "C"), "重复", "COMMUNITY", c(p, "S"), null)));

        JsonNode job = importFile("bad.geojson", file);

        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        String report = job.path("errors").toString();
        assertThat(report).contains("grid.import.type").contains("grid.import.unknown-parent")
            .contains("grid.import.parent-type").contains("grid.boundary.invalid").contains("grid.boundary.outside-parent")
            .contains("grid.boundary.overlaps-sibling").contains("grid.import.duplicate-code");
        assertThat(job.path("errorCount").asInt()).isGreaterThanOrEqualTo(7);
        JsonNode unknownParent = null;
        for (JsonNode error : job.path("errors")) {
            if (error.path("code").asString().equals("grid.import.unknown-parent")) {
                unknownParent = error;
            }
        }
        assertThat(unknownParent.path("feature").asInt()).isEqualTo(5);
        assertThat(unknownParent.path("field").asString()).isEqualTo("parentCode");
        assertThat(jdbc.queryForObject("select count(*) from grid_node where code like ?", Long.class, p + "%")).isZero();
    }

    @Test
    void unreadable_files_and_unknown_formats_are_refused_clearly() {
        JsonNode notJson = importFile("broken.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{");
        JsonNode badCsv = importFile("grids.csv", "name;kind\nx;y\n");
        var noFormat = http.postFile("/api/v1/grid-imports", "grids.txt", "text/plain", "x".getBytes());
        var empty = http.postFile("/api/v1/grid-imports", "grids.csv", "text/csv", new byte[0]);

        assertThat(notJson.path("status").asString()).isEqualTo("FAILED");
        assertThat(notJson.path("errors").get(0).path("code").asString()).isEqualTo("grid.import.unreadable");
        assertThat(badCsv.path("errors").get(0).path("message").asString()).contains("code,name,type,parentCode");
        assertThat(noFormat.status()).isEqualTo(400);
        assertThat(noFormat.json().path("errors").get(0).path("field").asString()).isEqualTo("format");
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void a_csv_hierarchy_imports_and_an_exported_subtree_reimports_unchanged() {
        String p = Unique.districtCode();
        String csv = "code,name,type,parentCode\n" + c(p, "D") + ",\"区, 新\",DISTRICT,\n" + c(p, "S") + ",街道,STREET,"
                + c(p, "D") + "\n" + c(p, "C") + ",社区,COMMUNITY," + c(p, "S") + "\n";

        JsonNode job = importFile("grids.csv", csv);
        long districtId = jdbc.queryForObject("select id from grid_node where code = ?", Long.class, c(p, "D"));
        var exportedCsv = http.get("/api/v1/grids/" + districtId + "/export.csv");
        Sample sample = sample();
        importFile("sample.geojson", sample.geoJson());
        long sampleDistrict = jdbc.queryForObject("select id from grid_node where code = ?", Long.class,
                c(sample.prefix(), "D"));
        var exportedGeoJson = http.get("/api/v1/grids/" + sampleDistrict + "/export.geojson");
        JsonNode reimported = importFile("again.geojson", exportedGeoJson.body());

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("createdCount").asInt()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select name from grid_node where code = ?", String.class, c(p, "D"))).isEqualTo("区, 新");
        assertThat(exportedCsv.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'EXPORT' and target_id = ?",
                Long.class, String.valueOf(districtId))).as("every export is audited").isOne();
        assertThat(exportedCsv.body()).as("Excel needs the BOM to read UTF-8")
            .startsWith("\uFEFFcode,name,type,parentCode,partyOrganisation")
            .contains(c(p, "S") + ",街道,STREET," + c(p, "D"));
        assertThat(exportedGeoJson.contentType()).startsWith("application/geo+json");
        assertThat(reimported.path("status").asString()).as(reimported.toString()).isEqualTo("SUCCEEDED");
        assertThat(reimported.path("unchangedCount").asInt()).isEqualTo(7);
        assertThat(reimported.path("createdCount").asInt()).isZero();
    }

    @Test
    void a_reimport_that_moves_a_grid_and_redraws_a_boundary_updates_only_those() {
        Sample sample = sample();
        importFile("city.geojson", sample.geoJson());
        String p = sample.prefix();
        double x = sample.lng();
        double y = sample.lat();
        String changed = sample.geoJson()
            .replace(feature(c(p, "X"), "第1小学", "DEDICATED_GRID", c(p, "C"), rectangle(x + 0.05, y + 0.05, x + 0.06, y + 0.06)),
                    feature(c(p, "X"), "第1小学", "DEDICATED_GRID", c(p, "S"), rectangle(x + 0.05, y + 0.05, x + 0.07, y + 0.07)));

        JsonNode job = importFile("city.geojson", changed);

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("updatedCount").asInt()).isEqualTo(1);
        assertThat(job.path("unchangedCount").asInt()).isEqualTo(6);
        long schoolId = jdbc.queryForObject("select id from grid_node where code = ?", Long.class, c(p, "X"));
        assertThat(http.get("/api/v1/grids/" + schoolId).json().path("parentCode").asString()).isEqualTo(c(p, "S"));
        assertThat(http.get("/api/v1/grids/" + schoolId + "/boundaries").json()).hasSize(2);
        assertThat(locator.gridAt(new GeoPoint(y + 0.065, x + 0.065))).get().extracting(GridNodeRef::code)
            .isEqualTo(c(p, "X"));
    }

    @Test
    void imports_a_generated_city_under_its_city_root_with_progress_and_locates_in_it() throws Exception {
        StringWriter city = new StringWriter();
        SyntheticCity.Summary summary = SyntheticCity.generate(0.005, SyntheticCity.DEFAULT_SEED, true, city, null);
        // the generated city lives where the real one is: move the tests' own grids out of its way is not needed,
        // its codes are its own; only check what it adds
        long before = jdbc.queryForObject("select count(*) from grid_node", Long.class);

        JsonNode job = importFile("chengdu.geojson", city.toString());

        assertThat(job.path("status").asString()).as(job.path("errors").toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("createdCount").asInt()).isEqualTo(summary.features());
        assertThat(job.path("total").asInt()).isEqualTo(summary.features());
        assertThat(jdbc.queryForObject("select count(*) from grid_node", Long.class) - before)
            .isEqualTo(summary.features());
        assertThat(locator.gridAt(new GeoPoint(30.6, 104.0))).isPresent();
        long chengdu = jdbc.queryForObject("select id from grid_node where code = '510100'", Long.class);
        long micro = locator.gridAt(new GeoPoint(30.6, 104.0)).orElseThrow().id();
        JsonNode chain = http.get("/api/v1/grids/" + micro + "/chain").json();
        assertThat(chain.get(0).path("type").asString()).isEqualTo("CITY");
        assertThat(chain.get(0).path("name").asString()).isEqualTo("成都市");
        JsonNode figures = http.get("/api/v1/grids/" + chengdu + "/figures").json();
        assertThat(figures.path("descendantsByType").path("DISTRICT").asLong()).isEqualTo(summary.districts());
        assertThat(figures.path("descendantsByType").path("MICRO_GRID").asLong()).isEqualTo(summary.microGrids());
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'GRID_IMPORTED' "
                + "and target_id = ? and detail like ?", Long.class, job.path("id").asString(),
                "%\"created\":" + summary.features() + "%")).isOne();
    }

    @Test
    void an_import_refuses_overlaps_and_strays_at_every_level_naming_both_grids_and_writes_nothing() {
        double[] area = TestAreas.large();
        double x = area[0];
        double y = area[1];
        String p = Unique.districtCode();
        String pD = p, pS1 = p + "001", pS2 = p + "002", pC1 = pS1 + "001", pC2 = pS1 + "002", pG = pC1 + "G01",
                pX1 = pC1 + "D01", pX2 = pC1 + "D02", pM = pG + "M01";
        double fiveMetres = 5 / 96_000.0;
        JsonNode job = importFile("bad-map.geojson", collection(List.of(
                feature(pD, "区", "DISTRICT", null, rectangle(x, y, x + 1, y + 1)),
                feature(pS1, "一街道", "STREET", pD, rectangle(x, y, x + 0.5, y + 0.5)),
                feature(pS2, "压在一街道上", "STREET", pD, rectangle(x + 0.4, y, x + 0.9, y + 0.5)),
                feature(pC1, "社区", "COMMUNITY", pS1, rectangle(x, y, x + 0.2, y + 0.2)),
                feature(pC2, "同一个社区", "COMMUNITY", pS1, rectangle(x, y, x + 0.2, y + 0.2)),
                feature(pG, "网格", "GENERAL_GRID", pC1, rectangle(x, y, x + 0.1, y + 0.1)),
                feature(pX1, "学校", "DEDICATED_GRID", pC1, rectangle(x + 0.05, y + 0.05, x + 0.07, y + 0.07)),
                feature(pX2, "医院", "DEDICATED_GRID", pC1, rectangle(x + 0.06, y + 0.06, x + 0.08, y + 0.08)),
                feature(pM, "出界", "MICRO_GRID", pG, rectangle(x, y, x + 0.05, y + 0.1 + fiveMetres)))));

        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        List<String> errors = new ArrayList<>();
        job.path("errors").forEach(e -> errors.add(e.path("nodeCode").asString() + " " + e.path("code").asString()
                + " " + e.path("message").asString()));
        assertThat(errors).hasSize(4);
        assertThat(errors).anyMatch(e -> e.startsWith(pS2 + " grid.boundary.overlaps-sibling") && e.contains(pS1 + " "));
        assertThat(errors).anyMatch(e -> e.startsWith(pC2 + " grid.boundary.overlaps-sibling") && e.contains(pC1 + " "));
        assertThat(errors).anyMatch(e -> e.startsWith(pX2 + " grid.boundary.overlaps-sibling") && e.contains(pX1 + " "));
        // the message names the parent general grid itself, not only the micro grid whose code begins with it
        assertThat(errors).anyMatch(e -> e.startsWith(pM + " grid.boundary.outside-parent")
                && java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(pG) + "(?!M)").matcher(e).find());
        assertThat(jdbc.queryForObject("select count(*) from grid_node where code like ?", Long.class, p + "%")).isZero();
    }

    @Test
    void one_file_hands_a_general_grid_to_the_next_street_redrawing_both_and_a_redraw_must_keep_children_inside() {
        double[] area = TestAreas.large();
        double x = area[0];
        double y = area[1];
        String p = Unique.districtCode();
        String pD = p, pS1 = p + "001", pS2 = p + "002", pC1 = pS1 + "001", pC2 = pS2 + "001", pG = pC1 + "G01",
                pM = pG + "M01";
        String district = feature(pD, "区", "DISTRICT", null, rectangle(x, y, x + 1, y + 1));
        String micro = feature(pM, "微网格", "MICRO_GRID", pG, rectangle(x + 0.4, y, x + 0.45, y + 0.1));
        JsonNode first = importFile("streets.geojson", collection(List.of(district,
                feature(pS1, "一街道", "STREET", pD, rectangle(x, y, x + 0.5, y + 1)),
                feature(pS2, "二街道", "STREET", pD, rectangle(x + 0.5, y, x + 1, y + 1)),
                feature(pC1, "一社区", "COMMUNITY", pS1, rectangle(x, y, x + 0.5, y + 0.5)),
                feature(pC2, "二社区", "COMMUNITY", pS2, rectangle(x + 0.5, y, x + 1, y + 0.5)),
                feature(pG, "网格", "GENERAL_GRID", pC1, rectangle(x + 0.4, y, x + 0.5, y + 0.1)), micro)));
        assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");

        // the boundary between the streets moves west; the general grid changes street in the same file
        JsonNode handOver = importFile("hand-over.geojson", collection(List.of(district,
                feature(pS1, "一街道", "STREET", pD, rectangle(x, y, x + 0.4, y + 1)),
                feature(pS2, "二街道", "STREET", pD, rectangle(x + 0.4, y, x + 1, y + 1)),
                feature(pC1, "一社区", "COMMUNITY", pS1, rectangle(x, y, x + 0.4, y + 0.5)),
                feature(pC2, "二社区", "COMMUNITY", pS2, rectangle(x + 0.4, y, x + 1, y + 0.5)),
                feature(pG, "网格", "GENERAL_GRID", pC2, rectangle(x + 0.4, y, x + 0.5, y + 0.1)), micro)));
        // S2 drawn back alone would leave its (unlisted) community outside
        JsonNode shrink = importFile("shrink.geojson", collection(List.of(
                feature(pS2, "二街道", "STREET", pD, rectangle(x + 0.5, y, x + 1, y + 1)))));

        assertThat(handOver.path("status").asString()).as(handOver.toString()).isEqualTo("SUCCEEDED");
        assertThat(handOver.path("updatedCount").asInt()).isEqualTo(5);
        long street2 = jdbc.queryForObject("select id from grid_node where code = ?", Long.class, pS2);
        assertThat(jdbc.queryForObject("select path from grid_node where code = ?", String.class, pM))
            .contains("/" + street2 + "/");
        assertThat(jdbc.queryForObject("select detail from audit_event where action = 'GRID_IMPORTED' and target_id = ?",
                String.class, handOver.path("id").asString())).contains("\"moved\":1");
        assertThat(shrink.path("status").asString()).isEqualTo("FAILED");
        assertThat(shrink.path("errors").get(0).path("code").asString()).isEqualTo("grid.boundary.child-outside");
        // names the street itself (not only inside its community's code, which begins with it) and the community
        assertThat(shrink.path("errors").get(0).path("message").asString())
            .containsPattern(java.util.regex.Pattern.quote(pS2) + "(?!\\d)").contains(pC2);
    }
}
