package org.gridgov.grid.synthetic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;
import org.gridgov.grid.synthetic.SyntheticCity.Summary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The synthetic city generator: counts, determinism, tree order, exact tiling, dedicated grids and staff. */
class SyntheticCityTest {

    private static final Pattern CODE = Pattern.compile("^[0-9A-Za-z_-]{2,32}$");
    private static final double ONE_PERCENT = 0.01;

    private static Summary summary;
    private static String geojson;
    private static String staffCsv;
    private static List<Feature> features;
    private static Map<String, Feature> byCode;

    record Feature(String code, String name, GridType type, String parentCode, double x0, double y0, double x1,
            double y1) {

        double area() {
            return (x1 - x0) * (y1 - y0);
        }

        double overlap(Feature o) {
            double w = Math.min(x1, o.x1) - Math.max(x0, o.x0);
            double h = Math.min(y1, o.y1) - Math.max(y0, o.y0);
            return w > 0 && h > 0 ? w * h : 0;
        }

        boolean within(Feature o) {
            return x0 >= o.x0 && x1 <= o.x1 && y0 >= o.y0 && y1 <= o.y1;
        }

        boolean strictlyWithin(Feature o) {
            return x0 > o.x0 && x1 < o.x1 && y0 > o.y0 && y1 < o.y1;
        }
    }

    @BeforeAll
    static void generateOnePercentCity() throws IOException {
        StringWriter geo = new StringWriter();
        StringWriter csv = new StringWriter();
        summary = SyntheticCity.generate(ONE_PERCENT, SyntheticCity.DEFAULT_SEED, geo, csv);
        geojson = geo.toString();
        staffCsv = csv.toString();
        features = parse(geojson);
        byCode = new LinkedHashMap<>();
        features.forEach(f -> byCode.put(f.code(), f));
    }

    /** Parses the whole FeatureCollection with a real JSON parser and checks each ring is a closed CCW rectangle. */
    private static List<Feature> parse(String json) {
        JsonNode root = JsonMapper.builder().build().readTree(json);
        assertThat(root.get("type").asString()).isEqualTo("FeatureCollection");
        List<Feature> result = new ArrayList<>();
        for (JsonNode node : root.get("features")) {
            assertThat(node.get("type").asString()).isEqualTo("Feature");
            JsonNode props = node.get("properties");
            JsonNode geometry = node.get("geometry");
            assertThat(geometry.get("type").asString()).isEqualTo("Polygon");
            JsonNode rings = geometry.get("coordinates");
            assertThat(rings.size()).isEqualTo(1);
            JsonNode ring = rings.get(0);
            assertThat(ring.size()).isEqualTo(5);
            double[][] p = new double[5][];
            for (int i = 0; i < 5; i++) {
                p[i] = new double[] {ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble()};
            }
            double x0 = p[0][0];
            double y0 = p[0][1];
            double x1 = p[2][0];
            double y1 = p[2][1];
            assertThat(p).as("closed axis-aligned rectangle").isEqualTo(new double[][] {
                {x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}});
            double signedArea = 0;
            for (int i = 0; i < 4; i++) {
                signedArea += p[i][0] * p[i + 1][1] - p[i + 1][0] * p[i][1];
            }
            assertThat(signedArea).as("counter-clockwise").isPositive();
            JsonNode parent = props.get("parentCode");
            result.add(new Feature(props.get("code").asString(), props.get("name").asString(),
                    GridType.valueOf(props.get("type").asString()), parent.isNull() ? null : parent.asString(),
                    x0, y0, x1, y1));
        }
        return result;
    }

    private static Map<String, List<Feature>> childrenByParent(GridType childType) {
        Map<String, List<Feature>> children = new LinkedHashMap<>();
        for (Feature f : features) {
            if (f.type() == childType) {
                children.computeIfAbsent(f.parentCode(), k -> new ArrayList<>()).add(f);
            }
        }
        return children;
    }

    private static void assertTiles(Feature parent, List<Feature> children) {
        double sum = 0;
        for (int i = 0; i < children.size(); i++) {
            Feature a = children.get(i);
            assertThat(a.within(parent)).as("%s inside %s", a.code(), parent.code()).isTrue();
            sum += a.area();
            for (int j = i + 1; j < children.size(); j++) {
                assertThat(a.overlap(children.get(j))).as("%s overlaps %s", a.code(), children.get(j).code())
                        .isLessThanOrEqualTo(1e-12);
            }
        }
        assertThat(sum).as("children of %s cover it", parent.code())
                .isCloseTo(parent.area(), within(parent.area() * 1e-9));
    }

    // (1)
    @Test
    void one_percent_counts_match_the_summary_and_the_formula() {
        // districts min(23,max(1,round(0.23))), streets max(d,round(2.6)), communities round(30), general round(140),
        // micro round(1190), dedicated round(110); staff = micro + general + dedicated + communities + micro/100.
        Summary expected = new Summary(1, 3, 30, 140, 1190, 110, 1190 + 140 + 110 + 30 + 11);
        assertThat(summary).isEqualTo(expected);
        assertThat(SyntheticCity.plan(ONE_PERCENT)).isEqualTo(expected);

        Map<GridType, Integer> counted = new EnumMap<>(GridType.class);
        features.forEach(f -> counted.merge(f.type(), 1, Integer::sum));
        for (GridType type : GridType.values()) {
            assertThat(counted.getOrDefault(type, 0)).as(type.name()).isEqualTo(summary.count(type));
        }
        assertThat(features).hasSize(summary.features());
        assertThat(staffCsv.lines().count() - 1).isEqualTo(summary.staff());
    }

    @Test
    void the_formula_keeps_every_level_populated_and_caps_districts() {
        assertThat(SyntheticCity.plan(0.0001)).isEqualTo(new Summary(1, 1, 1, 1, 12, 1, 12 + 1 + 1 + 1));
        assertThat(SyntheticCity.plan(0.1)).isEqualTo(new Summary(2, 26, 300, 1400, 11900, 1100,
                11900 + 1400 + 1100 + 300 + 119));
        assertThat(SyntheticCity.plan(2).districts()).isEqualTo(23);
        assertThat(SyntheticCity.plan(2).microGrids()).isEqualTo(238_000);
    }

    @Test
    void bad_scales_are_refused() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 5_000}) {
            assertThatThrownBy(() -> SyntheticCity.plan(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SyntheticCity.plan(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streets per district");
    }

    // (2)
    @Test
    void the_same_seed_gives_byte_identical_output_and_another_seed_another_city() throws IOException {
        StringWriter geo = new StringWriter();
        StringWriter csv = new StringWriter();
        SyntheticCity.generate(ONE_PERCENT, SyntheticCity.DEFAULT_SEED, geo, csv);
        assertThat(geo.toString()).isEqualTo(geojson);
        assertThat(csv.toString()).isEqualTo(staffCsv);

        StringWriter otherGeo = new StringWriter();
        StringWriter otherCsv = new StringWriter();
        SyntheticCity.generate(ONE_PERCENT, 42L, otherGeo, otherCsv);
        assertThat(otherGeo.toString()).isNotEqualTo(geojson);
        assertThat(otherCsv.toString()).isNotEqualTo(staffCsv);
    }

    @Test
    void the_output_depends_neither_on_the_default_locale_nor_on_asking_for_staff() throws IOException {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            StringWriter geo = new StringWriter();
            StringWriter csv = new StringWriter();
            SyntheticCity.generate(ONE_PERCENT, SyntheticCity.DEFAULT_SEED, geo, csv);
            assertThat(geo.toString()).isEqualTo(geojson);
            assertThat(csv.toString()).isEqualTo(staffCsv);
        } finally {
            Locale.setDefault(before);
        }
        StringWriter geoOnly = new StringWriter();
        Summary withoutStaff = SyntheticCity.generate(ONE_PERCENT, SyntheticCity.DEFAULT_SEED, geoOnly, null);
        assertThat(geoOnly.toString()).isEqualTo(geojson);
        assertThat(withoutStaff).isEqualTo(summary);
    }

    // (3)
    @Test
    void parents_come_first_codes_are_unique_and_well_formed_and_types_fit() {
        Map<String, Feature> seen = new HashMap<>();
        for (Feature f : features) {
            assertThat(f.code()).matches(CODE);
            assertThat(seen).as("duplicate code %s", f.code()).doesNotContainKey(f.code());
            assertThat(f.name()).isNotBlank();
            if (f.type() == GridType.DISTRICT) {
                assertThat(f.parentCode()).isNull();
                assertThat(f.code()).matches("5101\\d\\d");
            } else {
                Feature parent = seen.get(f.parentCode());
                assertThat(parent).as("parent of %s appeared earlier", f.code()).isNotNull();
                assertThat(f.type().mayHangUnder(parent.type())).isTrue();
                String suffix = switch (f.type()) {
                    case STREET, COMMUNITY -> "\\d{3}";
                    case GENERAL_GRID -> "G\\d{2,3}";
                    case MICRO_GRID -> "M\\d{2}";
                    case DEDICATED_GRID -> "D\\d{2}";
                    case CITY, DISTRICT -> throw new AssertionError();
                };
                assertThat(f.code()).matches(Pattern.quote(parent.code()) + suffix);
            }
            seen.put(f.code(), f);
        }
        assertThat(features.get(0).name()).isEqualTo("锦江区");
    }

    // (4)
    @Test
    void micro_grids_tile_their_general_grid_exactly() {
        Map<String, List<Feature>> micros = childrenByParent(GridType.MICRO_GRID);
        assertThat(micros).hasSize(summary.generalGrids());
        micros.forEach((general, children) -> assertTiles(byCode.get(general), children));
    }

    @Test
    void every_level_tiles_its_parent_and_districts_tile_the_bounding_box() {
        for (GridType type : List.of(GridType.STREET, GridType.COMMUNITY, GridType.GENERAL_GRID)) {
            childrenByParent(type).forEach((parent, children) -> assertTiles(byCode.get(parent), children));
        }
        Feature box = new Feature("box", "box", GridType.DISTRICT, null, SyntheticCity.MIN_LNG,
                SyntheticCity.MIN_LAT, SyntheticCity.MAX_LNG, SyntheticCity.MAX_LAT);
        assertTiles(box, features.stream().filter(f -> f.type() == GridType.DISTRICT).toList());
    }

    @Test
    void at_full_scale_the_23_districts_tile_the_bounding_box_with_varied_widths() throws IOException {
        // Only the districts matter here: keep the head of the stream (districts come first) and discard the rest.
        StringBuilder head = new StringBuilder();
        SyntheticCity.generate(1.0, SyntheticCity.DEFAULT_SEED, new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                if (head.length() < 20_000) {
                    head.append(buf, off, Math.min(len, 20_000));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, null);
        String complete = head.substring(0, head.lastIndexOf("}},\n") + 2) + "]}";
        List<Feature> districts = parse(complete).stream().filter(f -> f.type() == GridType.DISTRICT).toList();
        assertThat(districts).hasSize(23).allMatch(f -> f.type() == GridType.DISTRICT);
        assertThat(districts.stream().map(Feature::code).distinct()).hasSize(23);
        Feature box = new Feature("box", "box", GridType.DISTRICT, null, SyntheticCity.MIN_LNG,
                SyntheticCity.MIN_LAT, SyntheticCity.MAX_LNG, SyntheticCity.MAX_LAT);
        assertTiles(box, districts);
        assertThat(districts.stream().map(f -> Math.round((f.x1() - f.x0()) * 1e6)).distinct().count())
                .isGreaterThan(10);
    }

    // (5)
    @Test
    void dedicated_grids_lie_strictly_inside_their_community_and_do_not_overlap_each_other() {
        Map<String, List<Feature>> dedicated = childrenByParent(GridType.DEDICATED_GRID);
        int total = 0;
        for (Map.Entry<String, List<Feature>> entry : dedicated.entrySet()) {
            Feature community = byCode.get(entry.getKey());
            assertThat(community.type()).isEqualTo(GridType.COMMUNITY);
            List<Feature> sites = entry.getValue();
            total += sites.size();
            for (int i = 0; i < sites.size(); i++) {
                Feature a = sites.get(i);
                assertThat(a.strictlyWithin(community)).as("%s inside %s", a.code(), community.code()).isTrue();
                assertThat(a.area()).isPositive();
                for (int j = i + 1; j < sites.size(); j++) {
                    assertThat(a.overlap(sites.get(j))).isZero();
                }
            }
        }
        assertThat(total).isEqualTo(summary.dedicatedGrids());
        // Small: each well under one micro grid of its community.
        Map<String, Double> microArea = new HashMap<>();
        for (Feature f : features) {
            if (f.type() == GridType.MICRO_GRID) {
                String community = byCode.get(f.parentCode()).parentCode();
                microArea.merge(community, f.area(), Math::max);
            }
        }
        features.stream().filter(f -> f.type() == GridType.DEDICATED_GRID)
                .forEach(f -> assertThat(f.area()).isLessThan(microArea.get(f.parentCode())));
    }

    @Test
    void the_staff_list_has_one_worker_per_grid_building_heads_and_unique_phones() {
        List<String> lines = staffCsv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("gridCode,personName,role,workPhone,primaryWorker");
        Map<StaffRole, Integer> perRole = new EnumMap<>(StaffRole.class);
        Map<String, Integer> primaries = new HashMap<>();
        Set<String> phones = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSize(5);
            Feature grid = byCode.get(cells[0]);
            assertThat(grid).as("grid %s", cells[0]).isNotNull();
            assertThat(cells[1]).matches("[\\u4e00-\\u9fff]{2,4}");
            StaffRole role = StaffRole.valueOf(cells[2]);
            perRole.merge(role, 1, Integer::sum);
            assertThat(phones.add(cells[3])).as("unique phone %s", cells[3]).isTrue();
            assertThat(cells[3]).matches("1[3-9]\\d{9}");
            boolean primary = Boolean.parseBoolean(cells[4]);
            assertThat(cells[4]).isIn("true", "false");
            GridType expectedType = switch (role) {
                case MICRO_GRID_WORKER, BUILDING_HEAD -> GridType.MICRO_GRID;
                case GENERAL_GRID_WORKER -> GridType.GENERAL_GRID;
                case DEDICATED_GRID_WORKER -> GridType.DEDICATED_GRID;
                case COMMUNITY_WORKER -> GridType.COMMUNITY;
                case STREET_OFFICER -> GridType.STREET;
            };
            assertThat(grid.type()).isEqualTo(expectedType);
            assertThat(primary).isEqualTo(role != StaffRole.BUILDING_HEAD && role != StaffRole.COMMUNITY_WORKER);
            if (primary) {
                primaries.merge(cells[0], 1, Integer::sum);
            }
        }
        assertThat(perRole).containsEntry(StaffRole.MICRO_GRID_WORKER, summary.microGrids())
                .containsEntry(StaffRole.GENERAL_GRID_WORKER, summary.generalGrids())
                .containsEntry(StaffRole.DEDICATED_GRID_WORKER, summary.dedicatedGrids())
                .containsEntry(StaffRole.COMMUNITY_WORKER, summary.communities())
                .containsEntry(StaffRole.BUILDING_HEAD, summary.microGrids() / 100)
                .doesNotContainKey(StaffRole.STREET_OFFICER);
        assertThat(primaries).hasSize(summary.generalGrids() + summary.microGrids() + summary.dedicatedGrids())
                .allSatisfy((code, n) -> assertThat(n).isEqualTo(1));
    }

    // (6)
    @Test
    void full_scale_has_the_chengdu_counts() throws IOException {
        Summary full = SyntheticCity.generate(1.0, SyntheticCity.DEFAULT_SEED, Writer.nullWriter(),
                Writer.nullWriter());
        assertThat(full.districts()).isEqualTo(23);
        assertThat(full.streets()).isEqualTo(260);
        assertThat(full.communities()).isEqualTo(3_000);
        assertThat(full.generalGrids()).isEqualTo(14_000);
        assertThat(full.microGrids()).isEqualTo(119_000);
        assertThat(full.dedicatedGrids()).isEqualTo(11_000);
        assertThat(full.staff()).isEqualTo(147_000 + 1_190);
        assertThat(full).isEqualTo(SyntheticCity.plan(1.0));
    }

    @Test
    void with_the_city_root_the_districts_hang_under_chengdu_and_nothing_else_changes() throws IOException {
        StringWriter geo = new StringWriter();
        Summary withCity = SyntheticCity.generate(ONE_PERCENT, SyntheticCity.DEFAULT_SEED, true, geo, null);

        assertThat(withCity).isEqualTo(summary.withCities(1));
        assertThat(withCity.features()).isEqualTo(summary.features() + 1);
        List<String> lines = geo.toString().lines().toList();
        assertThat(lines.get(1)).contains("\"code\":\"510100\"", "\"name\":\"成都市\"", "\"type\":\"CITY\"",
                "\"parentCode\":null");
        // the rest is the city without the root, the districts' parentCode apart
        String rest = String.join("\n", lines.subList(2, lines.size())).replace("\"type\":\"DISTRICT\",\"parentCode\":\"510100\"",
                "\"type\":\"DISTRICT\",\"parentCode\":null");
        List<String> without = geojson.lines().toList();
        assertThat(rest).isEqualTo(String.join("\n", without.subList(1, without.size())));
        // the root's box holds every district
        for (Feature district : features.stream().filter(f -> f.type() == GridType.DISTRICT).toList()) {
            assertThat(district.x0()).isGreaterThanOrEqualTo(SyntheticCity.MIN_LNG);
            assertThat(district.x1()).isLessThanOrEqualTo(SyntheticCity.MAX_LNG);
            assertThat(district.y0()).isGreaterThanOrEqualTo(SyntheticCity.MIN_LAT);
            assertThat(district.y1()).isLessThanOrEqualTo(SyntheticCity.MAX_LAT);
        }
    }

    @Test
    void the_command_line_writes_both_files_and_rejects_bad_arguments(@TempDir Path dir) throws IOException {
        Path geo = dir.resolve("out/city.geojson");
        Path staff = dir.resolve("out/staff.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SyntheticCity.run(new String[] {"--out", geo.toString(), "--staff-out", staff.toString(),
            "--scale", "0.01", "--seed=" + SyntheticCity.DEFAULT_SEED},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(Files.readString(geo, StandardCharsets.UTF_8)).isEqualTo(geojson);
        assertThat(Files.readString(staff, StandardCharsets.UTF_8)).isEqualTo(staffCsv);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("MICRO_GRID", "1,190", "Elapsed");

        for (String[] bad : List.of(new String[] {"--scale", "0.01"}, new String[] {"--out", "x", "--bogus", "1"},
                new String[] {"--out", "x", "--scale", "abc"}, new String[] {"--out", "x", "--scale", "0"},
                new String[] {"--out"})) {
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            assertThat(SyntheticCity.run(bad, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(errors, true, StandardCharsets.UTF_8))).isEqualTo(2);
            assertThat(errors.toString(StandardCharsets.UTF_8)).contains("usage:");
        }
    }

    @Test
    void coordinates_have_at_most_seven_decimals_and_strings_are_json_escaped() {
        assertThat(coordinate(104.9)).isEqualTo("104.9");
        assertThat(coordinate(103.0)).isEqualTo("103");
        assertThat(coordinate(30.0 + 1.0 / 3)).isEqualTo("30.3333333");
        assertThat(coordinate(30.12345678)).isEqualTo("30.1234568");
        assertThat(coordinate(0.0000102)).isEqualTo("0.0000102");
        assertThat(coordinate(-1.25)).isEqualTo("-1.25");
        assertThat(coordinate(-0.00000004)).isEqualTo("0");

        String nasty = "a\"b\\c\nd\u0001e\t社区\u2028";
        StringBuilder sb = new StringBuilder();
        FeatureWriter.appendJsonString(sb, nasty);
        assertThat(JsonMapper.builder().build().readTree(sb.toString()).asString()).isEqualTo(nasty);
    }

    private static String coordinate(double value) {
        StringBuilder sb = new StringBuilder();
        FeatureWriter.appendCoordinate(sb, value);
        return sb.toString();
    }
}
