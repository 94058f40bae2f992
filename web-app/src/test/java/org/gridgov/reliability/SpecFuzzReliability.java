package org.gridgov.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, reliability suite (c): a bounded fuzz of every operation of the published spec (docs/openapi.json), as
 * the administrator and as a resident, against the built application in its own process: for each operation a
 * request built from its schema, then the same request broken one way at a time — path ids unknown, negative,
 * non-numeric, out of range or carrying control characters; each query parameter of the wrong type, huge, with a NUL
 * or U+0007, or paging past int range; the body empty, not JSON, an array, nested 5,000 deep, without its required
 * fields, and each of its fields of the wrong type, null, 20,000 characters long, or with control characters;
 * uploads with a NUL in the file name, empty, or of the wrong type. No answer may be a 5xx.
 */
class SpecFuzzReliability {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Duration BUDGET = Duration.ofMinutes(Long.getLong("reliability.fuzz.minutes", 6));
    static final String HUGE = "长".repeat(20_000);
    static final String CONTROL = "a\u0000b\u0007c\u001b[31m";
    static final String UNKNOWN_ID = "987654321";

    record Call(String role, String method, String path, String contentType, byte[] body, Map<String, String> headers,
            String what) {
    }

    final Map<String, String> tokens = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger relogins = new AtomicInteger();
    final Map<String, AtomicInteger> unsendable = new ConcurrentHashMap<>();
    final List<String> fuzzerErrors = Collections.synchronizedList(new ArrayList<>());
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    JsonNode spec;
    AppProcess app;

    @Test
    void no_operation_of_the_spec_answers_5xx_to_hostile_input_as_administrator_or_resident() throws Exception {
        spec = JSON.readTree(Files.readString(Path.of("..", "docs", "openapi.json")));
        Path data = AppProcess.WORK.resolve("fuzz-postgres").toAbsolutePath();
        AppKilledUnderLoadReliability.deleteRecursively(data);
        List<String> figures = new ArrayList<>();
        try (AppProcess started = new AppProcess("fuzz", Map.of(
                "GRIDGOV_EMBEDDED_DATABASE_DATA_DIRECTORY", data.toString()))) {
            app = started;
            app.start(Duration.ofMinutes(5));
            login("admin");
            login("resident");

            List<Call> calls = new ArrayList<>();
            int operations = 0;
            int skipped = 0;
            for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").properties().iterator();
                    paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (String method : List.of("get", "post", "put", "patch", "delete")) {
                    JsonNode operation = path.getValue().path(method);
                    if (operation.isMissingNode()) {
                        continue;
                    }
                    if (streams(operation)) {
                        skipped++; // text/event-stream: an answer that never ends
                        continue;
                    }
                    operations++;
                    for (String role : List.of("admin", "resident")) {
                        calls.addAll(variants(role, method.toUpperCase(Locale.ROOT), path.getKey(), operation));
                    }
                }
            }
            // sessions ending (logout, password changes) last, so every other call runs with a live token
            calls.sort((a, b) -> Boolean.compare(a.path().startsWith("/api/v1/auth"),
                    b.path().startsWith("/api/v1/auth")));

            long began = System.nanoTime();
            long deadline = began + BUDGET.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            AtomicInteger unsent = new AtomicInteger();
            for (Call call : calls) {
                pool.submit(() -> {
                    if (System.nanoTime() > deadline) {
                        unsent.incrementAndGet();
                        return;
                    }
                    try {
                        send(call);
                    }
                    catch (RuntimeException ex) {
                        fuzzerErrors.add(call.method() + " " + abbreviate(call.path(), 80) + ": " + ex);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(BUDGET.toMinutes() + 2, TimeUnit.MINUTES);
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            Map<Integer, Integer> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.get()));

            figures.add(operations + " operations of docs/openapi.json (" + skipped + " event stream skipped), as "
                    + "administrator and as resident: " + calls.size() + " requests planned, " + sent.get()
                    + " sent in " + took.toSeconds() + " s (4 in parallel), " + unsent.get() + " left out by the "
                    + BUDGET.toMinutes() + "-minute bound");
            figures.add("not sendable by the HTTP client (never reached the app): " + unsendable);
            figures.add("statuses: " + counts + "; re-logins after a 401: " + relogins.get());
            figures.add("5xx: " + serverErrors.size()
                    + (serverErrors.isEmpty() ? ""
                            : " — " + serverErrors.subList(0, Math.min(20, serverErrors.size()))));
            assertThat(serverErrors).as("5xx answers").isEmpty();
            assertThat(fuzzerErrors).as("calls the fuzzer itself failed to make").isEmpty();
            assertThat(unsent.get()).as("requests left out by the time bound").isZero();
            assertThat(app.alive()).isTrue();
        }
        finally {
            Figures.record("spec-driven fuzz of every operation (embedded PostgreSQL)", figures.toArray(String[]::new));
        }
    }

    private void login(String role) throws Exception {
        tokens.put(role, role.equals("admin")
                ? IntakeLoad.token(app.baseUrl(), AppProcess.ADMIN, AppProcess.ADMIN_PASSWORD)
                : IntakeLoad.token(app.baseUrl(), "demo.resident", "gridgov-demo"));
    }

    private void send(Call call) {
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpRequest built;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + call.path()))
                    .timeout(Duration.ofSeconds(60))
                    .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(call.body()));
                request.header("Authorization", "Bearer " + tokens.get(call.role()));
                if (call.contentType() != null) {
                    request.header("Content-Type", call.contentType());
                }
                call.headers().forEach(request::header);
                built = request.build();
            }
            catch (RuntimeException ex) {
                // a request the HTTP client itself refuses to build (e.g. a character a URI or header cannot carry)
                unsendable.computeIfAbsent(ex.getClass().getSimpleName() + ": " + abbreviate(ex.getMessage(), 60),
                        m -> new AtomicInteger()).incrementAndGet();
                return;
            }
            int status;
            String body;
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = response.body();
            }
            catch (IOException ex) {
                status = 0;
                body = ex.toString();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            sent.incrementAndGet();
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (status >= 500 || status == 0) {
                serverErrors.add(call.role() + " " + call.method() + " " + abbreviate(call.path(), 120) + " ("
                        + call.what() + ") → " + status + " " + abbreviate(body, 300));
            }
            if (status == 401 && attempt == 0) {
                try {
                    synchronized (this) {
                        login(call.role());
                    }
                    relogins.incrementAndGet();
                    continue; // this caller's session was ended by an earlier call (logout, password change): again
                }
                catch (Exception ex) {
                    return;
                }
            }
            return;
        }
    }

    private boolean streams(JsonNode operation) {
        for (JsonNode response : operation.path("responses")) {
            if (resolve(response).path("content").has("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    /** The operation's request built from its schema, then broken one way at a time. */
    List<Call> variants(String role, String method, String template, JsonNode operation) {
        List<Call> calls = new ArrayList<>();
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
        boolean mutating = !method.equals("GET");
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            JsonNode schema = resolve(parameter.path("schema"));
            String value = scalar(name, schema, parameter.path("example"));
            switch (in) {
                case "path" -> pathValues.put(name, name.equals("format") ? "json"
                        : isNumber(schema) ? (mutating ? UNKNOWN_ID : "1") : value);
                case "query" -> {
                    if (parameter.path("required").asBoolean(false)) {
                        query.put(name, value);
                    }
                }
                case "header" -> {
                    if (name.equalsIgnoreCase("Idempotency-Key")) {
                        headers.put(name, "fuzz-" + role + "-" + System.nanoTime());
                    }
                    else if (parameter.path("required").asBoolean(false)) {
                        // a header carries visible ASCII only (an HTTP client refuses anything else)
                        boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
                        headers.put(name, ascii ? value : name.equalsIgnoreCase("If-Match") ? "\"0\"" : "fuzz");
                    }
                }
                default -> {
                }
            }
        }
        JsonNode content = resolve(operation.path("requestBody")).path("content");
        String mediaType = content.isMissingNode() || content.isEmpty() ? null
                : content.propertyNames().iterator().next();
        JsonNode bodySchema = mediaType == null ? NODES.missingNode() : resolve(content.path(mediaType).path("schema"));
        JsonNode base = mediaType == null ? null : loopbackOnly(example(bodySchema, 0));

        Body good = body(mediaType, base, "x.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        calls.add(call(role, method, template, pathValues, query, headers, good, "as the schema says"));
        if (pathValues.containsKey("format")) {
            calls.add(call(role, method, template, with(pathValues, "format", "xml"), query, headers, good, "xml"));
            calls.add(call(role, method, template, with(pathValues, "format", "exe"), query, headers, good,
                    "unknown format"));
        }
        // path parameters
        for (String name : pathValues.keySet()) {
            if (name.equals("format")) {
                continue;
            }
            for (String bad : List.of(UNKNOWN_ID, "-1", "0", "abc", "99999999999999999999", "9223372036854775807",
                    enc(CONTROL), enc(HUGE.substring(0, 300)))) {
                calls.add(call(role, method, template, with(pathValues, name, bad), query, headers, good,
                        "path " + name + "=" + abbreviate(bad, 20)));
            }
        }
        // query parameters, each broken alone
        for (JsonNode parameter : parameters) {
            if (!parameter.path("in").asString().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asString();
            for (String bad : List.of("abc", "-1", "2147483647", "99999999999999999999", "", enc(CONTROL),
                    enc(HUGE.substring(0, 2_000)), "1e309", "2026-13-45T99:99:99Z")) {
                calls.add(call(role, method, template, pathValues, with(query, name, bad), headers, good,
                        "query " + name + "=" + abbreviate(bad, 20)));
            }
        }
        if (headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Idempotency-Key"))) {
            Map<String, String> hugeKey = new LinkedHashMap<>(headers);
            hugeKey.put("Idempotency-Key", "k".repeat(5_000));
            calls.add(call(role, method, template, pathValues, query, hugeKey, good, "Idempotency-Key 5000 chars"));
        }
        if (mutating) {
            Map<String, String> ifMatch = new LinkedHashMap<>(headers);
            ifMatch.put("If-Match", "\"not-a-version\"");
            calls.add(call(role, method, template, pathValues, query, ifMatch, good, "If-Match garbage"));
        }
        if (mediaType == null) {
            return calls;
        }
        // the body
        if (mediaType.equals("multipart/form-data")) {
            calls.add(call(role, method, template, pathValues, query, headers,
                    body(mediaType, base, "a\u0000b.csv", "text/csv", "a\n".getBytes(StandardCharsets.UTF_8)),
                    "NUL in the file name"));
            calls.add(call(role, method, template, pathValues, query, headers,
                    body(mediaType, base, "empty.jpg", "image/jpeg", new byte[0]), "empty file"));
            calls.add(call(role, method, template, pathValues, query, headers,
                    body(mediaType, base, "x".repeat(5_000) + ".png", "image/png", new byte[] { 1, 2, 3 }),
                    "5000-character file name, not a PNG"));
            calls.add(call(role, method, template, pathValues, query, headers,
                    new Body("multipart/form-data; boundary=nothing", "--nothing--\r\n".getBytes()), "no part"));
            return calls;
        }
        for (String raw : List.of("", "not json", "[]", "null", "{\"a\":", "[".repeat(5_000) + "]".repeat(5_000),
                "{}")) {
            calls.add(call(role, method, template, pathValues, query, headers,
                    new Body(mediaType.equals("application/json") ? "application/json" : mediaType,
                            raw.getBytes(StandardCharsets.UTF_8)), "body " + abbreviate(raw, 12)));
        }
        if (base instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.propertyNames().forEach(names::add);
            for (String name : names.subList(0, Math.min(names.size(), 15))) {
                JsonNode good1 = object.get(name);
                List<JsonNode> bads = new ArrayList<>(List.of(NODES.nullNode(), NODES.stringNode(HUGE),
                        NODES.stringNode(CONTROL), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                        NODES.numberNode(1e308), NODES.objectNode(), NODES.arrayNode().add(CONTROL)));
                if (good1 != null && good1.isString()) {
                    bads.add(NODES.stringNode(good1.asString() + "\u0000"));
                }
                for (JsonNode bad : bads) {
                    ObjectNode broken = object.deepCopy();
                    broken.set(name, bad);
                    calls.add(call(role, method, template, pathValues, query, headers,
                            body(mediaType, broken, null, null, null), name + "=" + abbreviate(bad.toString(), 20)));
                }
                ObjectNode without = object.deepCopy();
                without.remove(name);
                calls.add(call(role, method, template, pathValues, query, headers,
                        body(mediaType, without, null, null, null), "without " + name));
            }
        }
        return calls;
    }

    record Body(String contentType, byte[] bytes) {
    }

    private Body body(String mediaType, JsonNode value, String fileName, String fileType, byte[] file) {
        if (mediaType == null) {
            return new Body(null, null);
        }
        if (mediaType.equals("multipart/form-data")) {
            String boundary = "----fuzz" + System.nanoTime();
            StringBuilder head = new StringBuilder();
            if (value instanceof ObjectNode object) {
                object.properties().forEach(field -> {
                    if (!field.getKey().equals("file") && !field.getValue().isObject()) {
                        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                            .append(field.getKey()).append("\"\r\n\r\n").append(text(field.getValue())).append("\r\n");
                    }
                });
            }
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: ").append(fileType).append("\r\n\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[start.length + file.length + end.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(file, 0, all, start.length, file.length);
            System.arraycopy(end, 0, all, start.length + file.length, end.length);
            return new Body("multipart/form-data; boundary=" + boundary, all);
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            StringBuilder form = new StringBuilder();
            if (value instanceof ObjectNode object) {
                object.properties().forEach(field -> form.append(form.isEmpty() ? "" : "&").append(enc(field.getKey()))
                    .append('=').append(enc(text(field.getValue()))));
            }
            return new Body(mediaType, form.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new Body("application/json", JSON.writeValueAsBytes(value));
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    private Call call(String role, String method, String template, Map<String, String> pathValues,
            Map<String, String> query, Map<String, String> headers, Body body, String what) {
        String path = template;
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            String encoded = value.getValue().contains("%") ? value.getValue() : enc(value.getValue());
            path = path.replace("{" + value.getKey() + "}", encoded);
        }
        StringBuilder url = new StringBuilder(path);
        query.forEach((name, value) -> url.append(url.indexOf("?") < 0 ? '?' : '&').append(enc(name)).append('=')
            .append(value.contains("%") ? value : enc(value)));
        return new Call(role, method, url.toString(), body.contentType(), body.bytes(), headers, what);
    }

    private static Map<String, String> with(Map<String, String> values, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return copy;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isNumber(JsonNode schema) {
        String type = type(schema);
        return type.equals("integer") || type.equals("number");
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        return type.asString("");
    }

    private String scalar(String name, JsonNode schema, JsonNode example) {
        JsonNode value = example.isMissingNode() || example.isNull() ? example(schema, 0) : example;
        return value == null || value.isNull() ? "x" : text(value);
    }

    /** A value the schema accepts: its example, the first of its enum, or one of its type. */
    JsonNode example(JsonNode schemaOrRef, int depth) {
        JsonNode schema = resolve(schemaOrRef);
        if (depth > 6) {
            return NODES.nullNode();
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("examples") && schema.get("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0);
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combinator)) {
                for (JsonNode option : schema.get(combinator)) {
                    JsonNode resolved = resolve(option);
                    if (!type(resolved).equals("null")) {
                        return example(resolved, depth + 1);
                    }
                }
            }
        }
        String type = type(schema);
        if (type.isEmpty() && schema.has("properties")) {
            type = "object";
        }
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").properties()
                    .forEach(property -> object.set(property.getKey(), example(property.getValue(), depth + 1)));
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(example(schema.path("items"), depth + 1));
                yield array;
            }
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            case "string" -> switch (schema.path("format").asString("")) {
                case "date-time" -> NODES.stringNode("2026-12-01T08:00:00Z");
                case "date" -> NODES.stringNode("2026-12-01");
                case "binary" -> NODES.stringNode("file");
                case "uri" -> NODES.stringNode("https://127.0.0.1:9/fuzz");
                case "email" -> NODES.stringNode("fuzz@example.org");
                default -> NODES.stringNode("模糊测试");
            };
            default -> NODES.nullNode();
        };
    }

    /**
     * Every address in a generated body points at a closed port on loopback: the fuzz must never make the application
     * call out (webhook targets are refused there by its SSRF rules anyway).
     */
    static JsonNode loopbackOnly(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isString() && value.asString().matches("(?i)^https?://.*")) {
            return NODES.stringNode("https://127.0.0.1:9/fuzz");
        }
        if (value instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.propertyNames().forEach(names::add);
            names.forEach(name -> object.set(name, loopbackOnly(object.get(name))));
        }
        if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, loopbackOnly(array.get(i)));
            }
        }
        return value;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            current = spec.at(current.path("$ref").asString().substring(1));
        }
        return current;
    }

    private static String abbreviate(String text, int length) {
        if (text == null) {
            return "";
        }
        String visible = text.replaceAll("\\p{Cntrl}", "·");
        return visible.length() > length ? visible.substring(0, length) + "…" : visible;
    }
}
