package org.gridgov.platform.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.HttpTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec tells the truth: real requests to every operation, and their real answers validated against what the
 * spec declares (status, media type, headers, body schema).
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractIT {

    @LocalServerPort
    int port;

    SpecContract contract;
    HttpTestClient admin;

    @BeforeAll
    void loadSpec() {
        var response = HttpTestClient.at(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        contract = new SpecContract(response.body());
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi-contract.json"), response.body());
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        admin = ApiLogin.admin(port);
    }

    /**
     * docs/openapi.json is what integrators generate clients from (and what this module's build generates its Java
     * client from): it must be exactly what the running app serves. After a deliberate API change, copy
     * web-app/target/openapi-published.json over it.
     */
    @Test
    void the_published_spec_is_what_the_running_app_serves() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode live = (ObjectNode) json.readTree(HttpTestClient.at(port).get("/v3/api-docs").body());
        live.remove("servers");
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi-published.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n");
        JsonNode published = json.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs",
                "openapi.json")));
        assertThat(published).as("docs/openapi.json against the served spec (see target/openapi-published.json)")
            .isEqualTo(live);
    }

    @Test
    void every_operation_answers_what_the_spec_declares_to_anonymous_callers_and_to_unknown_ids() {
        for (SpecContract.Template op : contract.operations()) {
            JsonNode operation = contract.operation(op);
            String path = concrete(op, operation);
            contract.check(op.method(), path, send(HttpTestClient.at(port), op.method(), path, operation));
            if (op.method().equals("GET") || op.path().contains("{")) {
                contract.check(op.method(), path, send(admin, op.method(), path, operation));
            }
        }
        System.out.println("OBSERVED " + contract.observed());
        assertThat(contract.mismatches()).isEmpty();
    }

    /**
     * The hotline intake's real answers — a mapped and an unmapped code, a repeated ticket (409), the search, 督办,
     * 延期, the contact's reveal, the three-level satisfaction, the mapping table's edits — against the spec.
     */
    @Test
    void the_hotline_intake_answers_what_the_spec_declares() {
        var tree = new org.gridgov.testsupport.GridTreeFixture(admin).tree();
        String source = "HOTLINE_C" + Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
        String mapping = "/api/v1/incident-categories/mappings/" + source + "/0301";
        check("PUT", mapping, admin.put(mapping, "{\"category\":\"ENVIRONMENT\",\"externalName\":\"垃圾清运\"}"));
        check("PUT", mapping, admin.put(mapping, "{\"category\":\"NO_SUCH\"}"));
        check("GET", "/api/v1/incident-categories/mappings?source=" + source,
                admin.get("/api/v1/incident-categories/mappings?source=" + source));
        String report = "{\"source\":\"EXTERNAL\",\"description\":\"12345 来电\",\"gridCode\":\""
                + tree.micro().code() + "\",\"externalRef\":{\"source\":\"" + source + "\",\"ticket\":\"%s\"},"
                + "\"externalCategory\":\"%s\",\"contact\":{\"name\":\"李明\",\"phone\":\"13800138000\"}}";
        var created = check("POST", "/api/v1/incidents", admin.header("Idempotency-Key", java.util.UUID.randomUUID()
            .toString()).post("/api/v1/incidents", report.formatted("T1", "0301")));
        long id = created.json().path("incident").path("id").asLong();
        check("POST", "/api/v1/incidents", admin.header("Idempotency-Key", java.util.UUID.randomUUID().toString())
            .post("/api/v1/incidents", report.formatted("T1", "0301")));
        long triage = check("POST", "/api/v1/incidents", admin.header("Idempotency-Key",
                java.util.UUID.randomUUID().toString()).post("/api/v1/incidents", report.formatted("T2", "UNMAPPED")))
            .json().path("incident").path("id").asLong();
        String triaged = "/api/v1/incidents/" + triage + "/classify";
        check("POST", triaged, admin.header("If-Match", admin.get("/api/v1/incidents/" + triage).header("ETag"))
            .post(triaged, "{\"category\":\"NO_SUCH\"}"));
        var classified = check("POST", triaged, admin.header("If-Match", admin.get("/api/v1/incidents/" + triage)
            .header("ETag")).post(triaged, "{\"category\":\"ENVIRONMENT\"}"));
        check("POST", triaged, admin.header("If-Match", classified.header("ETag")).post(triaged,
                "{\"category\":\"NOISE\"}"));
        check("GET", "/api/v1/incidents", admin.get("/api/v1/incidents?externalSource=" + source
                + "&externalTicket=T1"));
        check("GET", "/api/v1/incidents", admin.get("/api/v1/incidents?externalTicket=T1"));
        String incident = "/api/v1/incidents/" + id;
        var supervised = check("POST", incident + "/supervise", admin.header("If-Match", admin.get(incident)
            .header("ETag")).post(incident + "/supervise", "{\"dueAt\":\"2099-01-01T00:00:00Z\"}"));
        check("POST", incident + "/extend", admin.header("If-Match", supervised.header("ETag")).post(incident
                + "/extend", "{\"resolveBy\":\"2000-01-01T00:00:00Z\",\"reason\":\"需协调\"}"));
        check("POST", incident + "/extend", admin.header("If-Match", supervised.header("ETag")).post(incident
                + "/extend", "{\"resolveBy\":\"2099-02-01T00:00:00Z\",\"reason\":\"需协调\"}"));
        check("POST", incident + "/contact/reveal", admin.post(incident + "/contact/reveal",
                "{\"field\":\"PHONE\",\"reason\":\"回访来电人\"}"));
        check("POST", incident + "/contact/reveal", admin.post(incident + "/contact/reveal",
                "{\"field\":\"ADDRESS\",\"reason\":\"回访来电人\"}"));
        check("POST", incident + "/accept", admin.header("If-Match", admin.get(incident).header("ETag"))
            .post(incident + "/accept", "{}"));
        check("POST", incident + "/resolve", admin.header("If-Match", admin.get(incident).header("ETag"))
            .post(incident + "/resolve", "{\"note\":\"已清运\"}"));
        check("POST", incident + "/satisfaction", admin.post(incident + "/satisfaction", "{\"level\":\"SOSO\"}"));
        check("POST", incident + "/satisfaction", admin.post(incident + "/satisfaction",
                "{\"level\":\"BASICALLY_SATISFIED\",\"comment\":\"回访基本满意\"}"));
        check("DELETE", mapping, admin.delete(mapping));
        check("DELETE", mapping, admin.delete(mapping));
        System.out.println("OBSERVED " + contract.observed());
        assertThat(contract.mismatches()).isEmpty();
    }

    private HttpTestClient.Response check(String method, String path, HttpTestClient.Response response) {
        return contract.check(method, path, response);
    }

    private HttpTestClient.Response send(HttpTestClient client, String method, String path, JsonNode operation) {
        if (operation.path("responses").path("200").path("content").has("text/event-stream")) {
            // a live stream never ends: its status, headers and first event are what can be checked
            return client.openStream(path);
        }
        JsonNode body = operation.path("requestBody").path("content");
        String type = body.isMissingNode() || body.isEmpty() ? null : body.propertyNames().iterator().next();
        if (type != null && type.startsWith("multipart/")) {
            return client.postFile(path, "x.csv", "text/csv", "a,b\n".getBytes(StandardCharsets.UTF_8));
        }
        String payload = type == null ? "" : type.contains("json") ? "{}" : "";
        return client.send(method, path, type, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The operation's path with unknown ids in it, and its required query parameters filled. */
    private static String concrete(SpecContract.Template op, JsonNode operation) {
        String path = op.path();
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asString();
            String value = sample(parameter.path("schema"));
            if ("path".equals(parameter.path("in").asString())) {
                path = path.replace("{" + name + "}", value);
            }
            else if ("query".equals(parameter.path("in").asString()) && parameter.path("required").asBoolean()) {
                query.add(name + "=" + value);
            }
        }
        path = path.replaceAll("\\{[^}]+}", "999999999");
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    private static String sample(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.path("enum").get(0).asString();
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString()
                : schema.path("type").asString();
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "integer", "number" -> "999999999";
            case "boolean" -> "true";
            default -> "NOPE9X";
        };
    }
}
