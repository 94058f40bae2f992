package org.gridgov.platform.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.gridgov.testsupport.HttpTestClient;

/**
 * The published spec as a contract: finds the operation a real request hit and checks the real answer against what
 * the spec declares for it — the status code, the media type, the declared response headers, and the body against the
 * declared JSON Schema (OpenAPI 3.1 schemas are JSON Schema 2020-12, validated as such, {@code $ref}s included). Every
 * mismatch is kept, so one run lists all of them.
 */
final class SpecContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode spec;
    private final List<Template> templates = new ArrayList<>();
    private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Set<Integer>> observed = Collections.synchronizedMap(new LinkedHashMap<>());

    SpecContract(String specJson) {
        this.spec = JSON.readTree(specJson);
        spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                templates.add(new Template(method.getKey().toUpperCase(Locale.ROOT), path.getKey()));
            }
        }));
        // literal segments beat variables: /incidents/by-tracking-code/{code} before /incidents/{id}/{x}
        templates.sort(Comparator.comparingInt((Template t) -> t.path().split("\\{", -1).length)
            .thenComparing(t -> -t.path().length()));
    }

    JsonNode spec() {
        return spec;
    }

    List<Template> operations() {
        return templates;
    }

    JsonNode operation(Template template) {
        return spec.path("paths").path(template.path()).path(template.method().toLowerCase(Locale.ROOT));
    }

    /** Checks one real exchange; returns the response for chaining. */
    HttpTestClient.Response check(String method, String pathAndQuery, HttpTestClient.Response response) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        Template template = templates.stream().filter(t -> t.method().equals(method) && t.matches(path)).findFirst()
            .orElse(null);
        String call = method + " " + pathAndQuery + " → " + response.status();
        if (template == null) {
            mismatches.add(call + ": no such operation in the spec");
            return response;
        }
        observed.computeIfAbsent(template.toString(), key -> new TreeSet<>()).add(response.status());
        if (response.status() >= 500) {
            mismatches.add(call + ": a server error " + response.body());
        }
        JsonNode responses = operation(template).path("responses");
        JsonNode declared = responses.path(String.valueOf(response.status()));
        if (declared.isMissingNode()) {
            declared = responses.path(response.status() / 100 + "XX");
        }
        if (declared.isMissingNode()) {
            declared = responses.path("default");
        }
        if (declared.isMissingNode()) {
            mismatches.add(call + " (" + template + "): status not declared, declared " + names(responses)
                    + "; body " + abbreviate(response.body()));
            return response;
        }
        declared = resolve(declared);
        declared.path("headers").properties().forEach(header -> {
            JsonNode headerSpec = resolve(header.getValue());
            if (headerSpec.path("required").asBoolean(false) && response.header(header.getKey()) == null) {
                mismatches.add(call + " (" + template + "): declared required header " + header.getKey() + " missing");
            }
        });
        String body = response.body();
        JsonNode content = declared.path("content");
        if (body == null || body.isEmpty()) {
            if (!content.isMissingNode() && !content.isEmpty() && response.status() != 304) {
                mismatches.add(call + " (" + template + "): empty body where the spec declares " + names(content));
            }
            return response;
        }
        String contentType = response.contentType() == null ? "" : response.contentType().toLowerCase(Locale.ROOT);
        String bare = contentType.contains(";") ? contentType.substring(0, contentType.indexOf(';')).trim()
                : contentType.trim();
        JsonNode media = content.path(bare);
        if (media.isMissingNode()) {
            media = content.path("*/*");
        }
        if (media.isMissingNode()) {
            mismatches.add(call + " (" + template + "): media type " + bare + " not declared, declared "
                    + names(content));
            return response;
        }
        if (!(bare.endsWith("json"))) {
            return response;
        }
        JsonNode schema = media.path("schema");
        if (schema.isMissingNode()) {
            mismatches.add(call + " (" + template + "): JSON answer without a schema");
            return response;
        }
        List<Error> errors = validate(schema, JSON.readTree(body));
        if (!errors.isEmpty()) {
            mismatches.add(call + " (" + template + "): body breaks the schema: "
                    + errors.stream().limit(5).map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList()
                    + " in " + abbreviate(body));
        }
        return response;
    }

    /** Validates a value against a schema of the spec, resolving its references in the whole document. */
    List<Error> validate(JsonNode schema, JsonNode value) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", spec.path("components"));
        ArrayNode allOf = root.putArray("allOf");
        allOf.add(schema);
        Schema compiled = SCHEMAS.getSchema(SchemaLocation.of("https://gridgov.test/openapi.json"), root);
        return compiled.validate(value);
    }

    void fail(String mismatch) {
        mismatches.add(mismatch);
    }

    List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    Map<String, Set<Integer>> observed() {
        return observed;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            current = spec.at(current.path("$ref").asString().substring(1));
        }
        return current;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    record Template(String method, String path) {

        boolean matches(String concrete) {
            return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")).matcher(concrete)
                .matches();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
