package org.gridgov.participation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableReader;
import org.gridgov.shared.table.TableRow;
import org.gridgov.shared.table.TableWriter;
import org.gridgov.shared.table.TextCharsets;

/**
 * A facility import file read into checked facilities and the problems of its rows. Tables (CSV in UTF-8 with or
 * without BOM or GBK/GB18030 — detected by the platform's {@link TextCharsets} unless named — or the first sheet of
 * an .xlsx) have a header naming the columns by English key or Chinese heading, in any order:
 * {@code name 名称, kind 类别, level 等级, address 地址, lat 纬度, lng 经度, gridCode 网格代码, coordSystem 坐标系}.
 * GeoJSON is a FeatureCollection of Point features ({@code [lng, lat]}) whose properties use the same keys or
 * headings. Problems name the row as Excel shows it ({@code rows[5].lat}, header = row 1) or the feature
 * ({@code features[0].properties.kind}), with the heading in words.
 */
final class FacilityFile {

    /** Column key → Chinese heading, in the template's order. */
    static final Map<String, String> COLUMNS = new LinkedHashMap<>();
    static {
        COLUMNS.put("name", "名称");
        COLUMNS.put("kind", "类别");
        COLUMNS.put("level", "等级");
        COLUMNS.put("address", "地址");
        COLUMNS.put("lat", "纬度");
        COLUMNS.put("lng", "经度");
        COLUMNS.put("gridCode", "网格代码");
        COLUMNS.put("coordSystem", "坐标系");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FacilityFile() {
    }

    record Read(String format, int rows, List<FacilityService.Checked> facilities, List<FieldViolation> problems) {
    }

    static Read read(String fileName, byte[] content, String charsetName, FacilityKind defaultKind,
            Function<String, GridNodeRef> gridByCode, GridNodeRef defaultGrid) {
        if (content == null || content.length == 0) {
            throw DomainException.invalidField("participation.facility.import.empty", "file", "The file is empty");
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        Rows rows = new Rows(defaultKind, gridByCode, defaultGrid);
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            readGeoJson(content, rows);
            return rows.done("GEOJSON");
        }
        TableFormat format = TableFormat.ofFileName(name);
        if (format == null) {
            throw new DomainException(DomainException.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "participation.facility.import.file-type", "Send a .geojson, .csv or .xlsx file",
                    List.of(new FieldViolation("file", "participation.facility.import.file-type",
                            "A .geojson, .csv or .xlsx file")));
        }
        Charset charset = format == TableFormat.CSV
                ? java.util.Optional.ofNullable(TextCharsets.named(charsetName, "participation.facility.import.charset"))
                    .orElseGet(() -> TextCharsets.detect(content))
                : null;
        try (TableReader reader = TableReader.open(format, new ByteArrayInputStream(content), charset,
                "participation.facility.import")) {
            readTable(reader, rows);
        }
        catch (IOException ex) {
            throw DomainException.invalidField("participation.facility.import.unreadable", "file",
                    "The file cannot be read: " + ex.getMessage());
        }
        return rows.done(format.name());
    }

    private static void readTable(TableReader reader, Rows rows) {
        TableRow header = reader.next();
        if (header == null) {
            throw DomainException.invalidField("participation.facility.import.empty", "file", "The file has no header");
        }
        Map<String, Integer> column = new HashMap<>();
        for (int c = 0; c < header.cells().size(); c++) {
            String cell = header.cell(c).replace("\uFEFF", "");
            String key = keyOf(cell);
            if (key != null) {
                column.putIfAbsent(key, c);
            }
        }
        for (String required : List.of("name", "lat", "lng")) {
            if (!column.containsKey(required)) {
                throw DomainException.invalidField("participation.facility.import.columns", "file",
                        "The header has no column " + required + " (" + COLUMNS.get(required) + "); the columns are "
                                + columnsInWords());
            }
        }
        TableRow row;
        while ((row = reader.next()) != null) {
            if (row.isBlank()) {
                continue;
            }
            String prefix = "rows[" + row.number() + "].";
            int undecodable = row.undecodableColumn();
            if (undecodable >= 0) {
                String key = column.entrySet().stream().filter(e -> e.getValue() == undecodable).map(Map.Entry::getKey)
                    .findFirst().orElse("column" + (undecodable + 1));
                rows.problem(new FieldViolation(prefix + key, "participation.facility.import.charset",
                        "Row " + row.number() + ", " + heading(key) + ": bytes that are not text in the file's "
                                + "character set; save the file as UTF-8 or GBK"));
                rows.count++;
                continue;
            }
            final TableRow current = row;
            Function<String, String> cell = key -> column.containsKey(key) ? current.value(column.get(key)) : null;
            rows.add(prefix, "Row " + row.number() + ", ", cell);
        }
    }

    private static void readGeoJson(byte[] content, Rows rows) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        }
        catch (JacksonException ex) {
            throw DomainException.invalidField("participation.facility.import.unreadable", "file",
                    "Not a readable GeoJSON FeatureCollection: " + ex.getOriginalMessage());
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asString(""))
                || !root.path("features").isArray()) {
            throw DomainException.invalidField("participation.facility.import.unreadable", "file",
                    "Not a GeoJSON FeatureCollection");
        }
        int i = 0;
        for (JsonNode feature : root.path("features")) {
            String prefix = "features[" + i + "].";
            String words = "Feature " + i + ", ";
            i++;
            JsonNode geometry = feature.path("geometry");
            JsonNode coordinates = geometry.path("coordinates");
            if (!"Point".equals(geometry.path("type").asString("")) || !coordinates.isArray()
                    || coordinates.size() < 2 || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
                rows.problem(new FieldViolation(prefix + "geometry", "participation.facility.import.geometry",
                        words + "geometry: a Point with [longitude, latitude]"));
                rows.count++;
                continue;
            }
            JsonNode properties = feature.path("properties");
            Map<String, String> values = new HashMap<>();
            properties.properties().forEach(e -> {
                String key = keyOf(e.getKey());
                if (key != null && !e.getValue().isNull()) {
                    values.putIfAbsent(key, e.getValue().asString("").strip());
                }
            });
            values.put("lng", coordinates.get(0).asString());
            values.put("lat", coordinates.get(1).asString());
            rows.add(prefix + "properties.", words, key -> {
                String v = values.get(key);
                return v == null || v.isEmpty() ? null : v;
            });
        }
    }

    /** The column key a heading names (English key in any case, or Chinese heading), or null. */
    static String keyOf(String heading) {
        String h = heading == null ? "" : heading.strip();
        for (Map.Entry<String, String> e : COLUMNS.entrySet()) {
            if (e.getKey().equalsIgnoreCase(h) || e.getValue().equals(h)) {
                return e.getKey();
            }
        }
        return switch (h.toLowerCase(Locale.ROOT)) {
            case "latitude" -> "lat";
            case "longitude", "lon" -> "lng";
            default -> null;
        };
    }

    static String heading(String key) {
        return COLUMNS.containsKey(key) ? COLUMNS.get(key) + " (" + key + ")" : key;
    }

    static String columnsInWords() {
        StringBuilder words = new StringBuilder();
        COLUMNS.forEach((key, chinese) -> words.append(words.isEmpty() ? "" : ", ").append(chinese).append(" (")
            .append(key).append(')'));
        return words.toString();
    }

    /** The rows read so far: checked facilities and problems. */
    private static final class Rows {

        final FacilityKind defaultKind;
        final Function<String, GridNodeRef> gridByCode;
        final GridNodeRef defaultGrid;
        final List<FacilityService.Checked> facilities = new ArrayList<>();
        final List<FieldViolation> problems = new ArrayList<>();
        final Map<String, String> seen = new HashMap<>();
        int count;

        Rows(FacilityKind defaultKind, Function<String, GridNodeRef> gridByCode, GridNodeRef defaultGrid) {
            this.defaultKind = defaultKind;
            this.gridByCode = gridByCode;
            this.defaultGrid = defaultGrid;
        }

        void problem(FieldViolation problem) {
            problems.add(problem);
        }

        void add(String prefix, String words, Function<String, String> cell) {
            count++;
            if (count > MAX_ROWS) {
                throw DomainException.invalidField("participation.facility.import.too-many", "file",
                        "At most " + MAX_ROWS + " facilities per file");
            }
            String gridCode = cell.apply("gridCode");
            GridNodeRef grid = defaultGrid;
            boolean gridOk = true;
            if (gridCode != null) {
                grid = gridByCode.apply(gridCode);
                if (grid == null) {
                    gridOk = false;
                    problems.add(new FieldViolation(prefix + "gridCode", "participation.grid-unknown", words
                            + heading("gridCode") + ": no grid with code \"" + gridCode
                            + "\" in your part of the tree"));
                }
            }
            else if (grid == null) {
                gridOk = false;
                problems.add(new FieldViolation(prefix + "gridCode", "field.required", words + heading("gridCode")
                        + ": name the grid, or import onto one grid (gridId)"));
            }
            String kind = cell.apply("kind");
            if (kind == null && defaultKind != null) {
                kind = defaultKind.name();
            }
            FacilityCommand command = new FacilityCommand(null, kind, cell.apply("level"), cell.apply("name"),
                    cell.apply("address"), number(cell.apply("lat")), number(cell.apply("lng")),
                    cell.apply("coordSystem"));
            if (command.lat() == null && cell.apply("lat") != null) {
                problems.add(new FieldViolation(prefix + "lat", "geo.lat-out-of-range", words + heading("lat")
                        + ": \"" + cell.apply("lat") + "\" is not a number"));
            }
            if (command.lng() == null && cell.apply("lng") != null) {
                problems.add(new FieldViolation(prefix + "lng", "geo.lng-out-of-range", words + heading("lng")
                        + ": \"" + cell.apply("lng") + "\" is not a number"));
            }
            int before = problems.size();
            FacilityService.Checked checked = FacilityService.problems(command, prefix, gridOk ? grid : null,
                    problems, key -> words + heading(key));
            // a number that did not parse was already named above: drop the second, vaguer problem of that field
            if (problems.size() > before) {
                List<FieldViolation> added = new ArrayList<>(problems.subList(before, problems.size()));
                problems.subList(before, problems.size()).clear();
                for (FieldViolation p : added) {
                    boolean repeated = problems.stream().anyMatch(q -> q.field().equals(p.field()));
                    if (!repeated) {
                        problems.add(p);
                    }
                }
            }
            if (checked != null) {
                String identity = checked.grid().id() + "|" + checked.kind() + "|" + checked.name();
                String first = seen.putIfAbsent(identity, words.replace(", ", ""));
                if (first != null) {
                    problems.add(new FieldViolation(prefix + "name", "participation.facility.import.repeated",
                            words + heading("name") + ": \"" + checked.name() + "\" of this kind and grid is already "
                                    + first));
                }
                else {
                    facilities.add(checked);
                }
            }
        }

        Read done(String format) {
            if (count == 0 && problems.isEmpty()) {
                throw DomainException.invalidField("participation.facility.import.empty", "file",
                        "The file has no facilities");
            }
            return new Read(format, count, facilities, problems);
        }
    }

    static final int MAX_ROWS = FacilityService.MAX_IMPORT_ROWS;

    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    /** The template of one kind: the Chinese headings and one example row of that kind, in CSV (UTF-8) or .xlsx. */
    static void writeTemplate(FacilityKind kind, TableFormat format, String gridCode, OutputStream out) {
        try (TableWriter writer = TableWriter.open(format, out, "facilities", List.copyOf(COLUMNS.values()))) {
            writer.row(example(kind), kind.chinese(), FacilityLevel.FIFTEEN_MINUTES.chinese(), "示例路1号", "30.6800",
                    "103.8500", gridCode, "WGS84");
        }
    }

    private static String example(FacilityKind kind) {
        return switch (kind) {
            case COMMUNITY_ADMIN -> "社区党群服务中心";
            case LIFELONG_EDUCATION -> "社区学校";
            case HEALTH_ELDERLY -> "社区卫生服务站";
            case CULTURE -> "社区文化活动室";
            case SPORTS -> "全民健身广场";
            case COMMERCE -> "便民菜市场";
            case TRANSPORT_UTILITIES -> "公交站";
            case GREEN_LEISURE -> "口袋公园";
        };
    }
}
