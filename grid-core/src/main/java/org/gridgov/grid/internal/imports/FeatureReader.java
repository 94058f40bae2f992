package org.gridgov.grid.internal.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.shared.DomainException;

/**
 * Reads an import file feature by feature: a GeoJSON FeatureCollection (streamed, properties {@code code, name,
 * type, parentCode, partyOrganisation}) or a CSV with the header {@code code,name,type,parentCode} (and optionally
 * {@code partyOrganisation}), no geometry.
 */
final class FeatureReader {

    // features are read one at a time from the open array: what follows one is not "trailing"
    private static final JsonMapper JSON = JsonMapper.builder()
        .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private FeatureReader() {
    }

    static List<ImportFeature> read(String format, InputStream in, IntConsumer progress) {
        try {
            return switch (format) {
                case "GEOJSON" -> readGeoJson(in, progress);
                case "CSV" -> readCsv(new InputStreamReader(in, StandardCharsets.UTF_8), progress);
                default -> throw new IllegalArgumentException("Unknown format " + format);
            };
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
        return new ImportFeature(index, text(properties, "code"), text(properties, "name"), text(properties, "type"),
                text(properties, "parentCode"), properties.path("partyOrganisation").asBoolean(false), geometryJson,
                null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString().trim();
    }

    private static List<ImportFeature> readCsv(Reader reader, IntConsumer progress) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
            .setIgnoreEmptyLines(true).get();
        List<ImportFeature> features = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            for (String required : List.of("code", "name", "type", "parentCode")) {
                if (!parser.getHeaderMap().containsKey(required)) {
                    throw new IllegalStateException("the header must name the columns code,name,type,parentCode");
                }
            }
            boolean hasParty = parser.getHeaderMap().containsKey("partyOrganisation");
            for (CSVRecord row : parser) {
                features.add(new ImportFeature(features.size() + 1, blankToNull(row.get("code")),
                        blankToNull(row.get("name")), blankToNull(row.get("type")), blankToNull(row.get("parentCode")),
                        hasParty && Boolean.parseBoolean(row.get("partyOrganisation")), null, null));
                if (features.size() % 1000 == 0) {
                    progress.accept(features.size());
                }
            }
        }
        progress.accept(features.size());
        return features;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
