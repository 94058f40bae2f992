package org.gridgov.grid.internal.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.ImportError;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableReader;
import org.gridgov.shared.table.TableRow;
import org.gridgov.shared.table.TextCharsets;

/**
 * Reads an import file feature by feature: a GeoJSON FeatureCollection (streamed, properties {@code code, name,
 * type, parentCode, partyOrganisation}), or a CSV / .xlsx table ({@link TableReader}: UTF-8 with or without BOM or
 * GB18030, detected or named) whose header names the columns by English key or Chinese heading
 * ({@link GridColumns}: 代码, 名称, 类型, 上级代码, 党组织, 边界), in any order; types by enum name or Chinese name
 * (一般网格, 微网格…). A row whose bytes are not text in the file's charset, or whose party flag is not a yes/no,
 * is a problem of that row, numbered as Excel shows it; a column the file does not have never resets a stored value.
 */
final class FeatureReader {

    // features are read one at a time from the open array: what follows one is not "trailing"
    private static final JsonMapper JSON = JsonMapper.builder()
        .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private FeatureReader() {
    }

    /** What a file held: its features and the problems of rows that could not become one. */
    record Read(List<ImportFeature> features, List<ImportError> problems) {
    }

    /** Reads {@code content}; {@code charset} (CSV) null to detect it. */
    static Read read(String format, byte[] content, Charset charset, IntConsumer progress) {
        try {
            return switch (format) {
                case "GEOJSON" -> new Read(readGeoJson(new ByteArrayInputStream(content), progress), List.of());
                case "CSV" -> readTable(TableReader.open(TableFormat.CSV, new ByteArrayInputStream(content),
                        charset != null ? charset : TextCharsets.detect(content), "grid.import"), progress);
                case "XLSX" -> readTable(TableReader.open(TableFormat.XLSX, new ByteArrayInputStream(content), null,
                        "grid.import"), progress);
                default -> throw new IllegalArgumentException("Unknown format " + format);
            };
        }
        catch (DomainException ex) {
            throw ex;
        }
        catch (JacksonException ex) {
            throw DomainException.invalidField("grid.import.unreadable", "file",
                    "Not a readable GeoJSON FeatureCollection: " + ex.getOriginalMessage());
        }
        catch (IOException | IllegalArgumentException | IllegalStateException ex) {
            throw DomainException.invalidField("grid.import.unreadable", "file", "Unreadable file: " + ex.getMessage());
        }
    }

    private static List<ImportFeature> readGeoJson(InputStream in, IntConsumer progress) {
        List<ImportFeature> features = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("expected a JSON object");
            }
            boolean sawFeatures = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if ("features".equals(name)) {
                    if (parser.currentToken() != JsonToken.START_ARRAY) {
                        throw new IllegalStateException("'features' must be an array");
                    }
                    sawFeatures = true;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode feature = JSON.readTree(parser);
                        features.add(feature(features.size() + 1, feature));
                        if (features.size() % 1000 == 0) {
                            progress.accept(features.size());
                        }
                    }
                }
                else {
                    parser.skipChildren();
                }
            }
            if (!sawFeatures) {
                throw new IllegalStateException("not a FeatureCollection: no 'features' array");
            }
        }
        progress.accept(features.size());
        return features;
    }

    private static ImportFeature feature(int index, JsonNode feature) {
        JsonNode properties = feature.path("properties");
        JsonNode geometry = feature.path("geometry");
        String geometryJson = geometry.isMissingNode() || geometry.isNull() ? null : geometry.toString();
        JsonNode party = properties.path("partyOrganisation");
        Boolean partyOrganisation = party.isMissingNode() || party.isNull() ? null
                : party.isBoolean() ? party.asBoolean() : GridColumns.flag(party.asString()).orElse(null);
        return new ImportFeature(index, text(properties, "code"), text(properties, "name"),
                GridColumns.typeName(text(properties, "type")), text(properties, "parentCode"), partyOrganisation,
                geometryJson, null, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString().trim();
    }

    private static Read readTable(TableReader reader, IntConsumer progress) throws IOException {
        List<ImportFeature> features = new ArrayList<>();
        List<ImportError> problems = new ArrayList<>();
        try (reader) {
            TableRow header = reader.next();
            if (header == null) {
                throw new IllegalStateException("the file is empty");
            }
            Map<String, Integer> columns = GridColumns.indexes(header.cells());
            List<String> missing = REQUIRED.stream().filter(key -> columns.get(key) < 0).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("the header must name the columns code,name,type,parentCode (or "
                        + "代码,名称,类型,上级代码); it lacks " + missing
                        + (header.undecodableColumn() >= 0 ? " and its text is neither UTF-8 nor GB18030" : ""));
            }
            int party = columns.get("partyOrganisation");
            int boundary = columns.get("boundary");
            TableRow row;
            int index = 0;
            while ((row = reader.next()) != null) {
                if (row.isBlank()) {
                    continue;
                }
                index++;
                String code = row.value(columns.get("code"));
                int bad = row.undecodableColumn();
                if (bad >= 0) {
                    problems.add(new ImportError(index, row.number(), code, fieldAt(columns, bad),
                            "grid.import.charset", "Row " + row.number() + ": column " + (bad + 1) + " holds bytes "
                                    + "that are not text in the file's character set (UTF-8 or GB18030/GBK); save it "
                                    + "again as \"CSV UTF-8\" or name its charset"));
                    continue;
                }
                Boolean partyOrganisation = null;
                String partyText = row.value(party);
                if (partyText != null) {
                    partyOrganisation = GridColumns.flag(partyText).orElse(null);
                    if (partyOrganisation == null) {
                        problems.add(new ImportError(index, row.number(), code, "partyOrganisation",
                                "grid.import.flag", "partyOrganisation '" + partyText + "' must be 是/否 (yes/no)"));
                    }
                }
                features.add(new ImportFeature(index, code, row.value(columns.get("name")),
                        GridColumns.typeName(row.value(columns.get("type"))), row.value(columns.get("parentCode")),
                        partyOrganisation, row.value(boundary), null, row.number()));
                if (features.size() % 1000 == 0) {
                    progress.accept(features.size());
                }
            }
        }
        progress.accept(features.size());
        return new Read(features, problems);
    }

    private static final List<String> REQUIRED = List.of("code", "name", "type", "parentCode");

    private static String fieldAt(Map<String, Integer> columns, int column) {
        return columns.entrySet().stream().filter(e -> e.getValue() == column).map(Map.Entry::getKey).findFirst()
            .orElse("file");
    }
}
