package org.gridgov.platform;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec integrators rely on: valid OpenAPI 3.1; every operation summarised, described and tagged; every
 * {@code /api/v1} operation with its problem+json error responses (each with an example body), request bodies with
 * examples, successful JSON answers with a schema; the bearer scheme present and required wherever an operation is
 * not explicitly public. Writes the spec to {@code web-app/target/openapi.json}. Each test lists every offender, so
 * one run shows all that is missing.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiSpecIT {

    private static final String API = "/api/v1/";
    private static final String BEARER = "bearerAuth";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMappings;

    private OpenAPI openApi;

    @BeforeAll
    void exportAndParse() throws Exception {
        var response = HttpTestClient.at(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), response.body());

        SwaggerParseResult result = new OpenAPIParser().readContents(response.body(), null, null);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        openApi = result.getOpenAPI();
    }

    @Test
    void exported_spec_is_valid_openapi_3_1() {
        assertThat(openApi).isNotNull();
        assertThat(openApi.getOpenapi()).startsWith("3.1");
        assertThat(openApi.getPaths()).isNotEmpty();
        assertThat(operations()).anySatisfy(op -> assertThat(op.path()).startsWith(API));
    }

    @Test
    void every_operation_has_a_summary_a_description_and_a_tag() {
        List<String> undocumented = new ArrayList<>();
        for (Op op : operations()) {
            if (isBlank(op.operation().getSummary())) {
                undocumented.add(op + ": no summary");
            }
            if (isBlank(op.operation().getDescription())) {
                undocumented.add(op + ": no description");
            }
            if (op.operation().getTags() == null || op.operation().getTags().isEmpty()) {
                undocumented.add(op + ": no tag");
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void every_api_operation_documents_its_error_responses_with_example_problems() {
        List<String> missing = new ArrayList<>();
        for (Op op : apiOperations()) {
            List<String> expected = new ArrayList<>(List.of("400", "500"));
            if (!isPublic(op.operation())) {
                expected.addAll(List.of("401", "403"));
            }
            if (op.path().contains("{")) {
                expected.add("404");
            }
            Map<String, ApiResponse> responses = op.operation().getResponses() == null ? Map.of()
                    : op.operation().getResponses();
            for (String status : expected) {
                if (!responses.containsKey(status)) {
                    missing.add(op + ": no " + status + " response");
                }
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    MediaType problem = response.getContent() == null ? null
                            : response.getContent().get("application/problem+json");
                    if (problem == null || problem.getSchema() == null) {
                        missing.add(op + ": " + status + " is not an application/problem+json Problem");
                    }
                    else if (!hasExample(problem)) {
                        missing.add(op + ": " + status + " has no example problem body");
                    }
                }
            });
        }
        assertThat(missing).isEmpty();
    }

    /**
     * A JSON body counts as exemplified when its media type carries an example, or its (resolved) schema does, or
     * its properties do: at least one, and every required one — a client must see a value for each field it must send.
     * A multipart body must describe each of its parts.
     */
    @Test
    void every_api_request_body_has_examples() {
        List<String> missing = new ArrayList<>();
        for (Op op : apiOperations()) {
            if (op.operation().getRequestBody() == null) {
                continue;
            }
            Content content = op.operation().getRequestBody().getContent();
            if (content == null || content.isEmpty()) {
                missing.add(op + ": request body without content");
                continue;
            }
            content.forEach((type, media) -> {
                if (isJson(type)) {
                    missingJsonExamples(media).forEach(what -> missing.add(op + " " + type + ": " + what));
                }
                else if (type.startsWith("multipart/")) {
                    Schema<?> schema = resolve(media.getSchema());
                    if (schema == null || schema.getProperties() == null || schema.getProperties().isEmpty()) {
                        missing.add(op + " " + type + ": no parts described");
                    }
                    else {
                        schema.getProperties().forEach((part, partSchema) -> {
                            if (isBlank(resolve(partSchema).getDescription())) {
                                missing.add(op + " " + type + ": part '" + part + "' has no description");
                            }
                        });
                    }
                }
            });
        }
        assertThat(missing).isEmpty();
    }

    /**
     * springdoc names a schema after the simple name of its Java type, so two modules' {@code VerifyRequest} records
     * become one schema and one of the operations silently documents the other's body. Every type reachable from an
     * API request body or answer (record components, collection elements, generic arguments) must therefore have a
     * simple name no other such type has.
     */
    @Test
    void schema_types_have_unique_simple_names() {
        Set<Class<?>> seen = new HashSet<>();
        handlerMappings.getHandlerMethods().forEach((mapping, method) -> {
            if (mapping.getPatternValues().stream().noneMatch(path -> path.startsWith(API))) {
                return;
            }
            for (MethodParameter parameter : method.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    collectTypes(parameter.getGenericParameterType(), seen);
                }
            }
            collectTypes(method.getReturnType().getGenericParameterType(), seen);
        });
        Map<String, Set<String>> byName = new TreeMap<>();
        seen.forEach(type -> byName.computeIfAbsent(type.getSimpleName(), name -> new TreeSet<>()).add(type.getName()));
        byName.values().removeIf(types -> types.size() < 2);
        assertThat(seen).as("types found").hasSizeGreaterThan(20);
        assertThat(byName).as("schema names shared by different types").isEmpty();
    }

    private static void collectTypes(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) {
            collectTypes(parameterized.getRawType(), seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collectTypes(argument, seen);
            }
        }
        else if (type instanceof GenericArrayType array) {
            collectTypes(array.getGenericComponentType(), seen);
        }
        else if (type instanceof Class<?> array && array.isArray()) {
            collectTypes(array.getComponentType(), seen);
        }
        else if (type instanceof Class<?> c && c.getName().startsWith("org.gridgov.") && !c.isEnum()) {
            // enums are written inline into the properties that use them, so only classes and records name schemas
            if (!seen.add(c)) {
                return;
            }
            if (c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    collectTypes(component.getGenericType(), seen);
                }
            }
        }
    }

    @Test
    void every_successful_json_answer_has_a_schema() {
        List<String> missing = new ArrayList<>();
        for (Op op : apiOperations()) {
            if (op.operation().getResponses() == null) {
                continue;
            }
            op.operation().getResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                    response.getContent().forEach((type, media) -> {
                        if (isJson(type) && media.getSchema() == null) {
                            missing.add(op + ": " + status + " " + type + " has no schema");
                        }
                    });
                }
            });
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void bearer_scheme_is_declared_and_required_by_every_operation_not_explicitly_public() {
        Map<String, SecurityScheme> schemes = openApi.getComponents() == null ? null
                : openApi.getComponents().getSecuritySchemes();
        assertThat(schemes).as("security schemes").containsKey(BEARER);
        SecurityScheme bearer = schemes.get(BEARER);
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualToIgnoringCase("bearer");

        List<String> unprotected = new ArrayList<>();
        for (Op op : operations()) {
            if (isPublic(op.operation())) {
                continue;
            }
            // an operation without its own `security` inherits the document's
            List<SecurityRequirement> effective = op.operation().getSecurity() != null ? op.operation().getSecurity()
                    : openApi.getSecurity();
            if (effective == null || effective.isEmpty()) {
                unprotected.add(op + ": no security requirement");
                continue;
            }
            for (SecurityRequirement requirement : effective) {
                if (requirement.isEmpty()) {
                    unprotected.add(op + ": an empty (anonymous) alternative among its security requirements");
                }
                requirement.keySet().stream().filter(name -> !schemes.containsKey(name))
                        .forEach(name -> unprotected.add(op + ": unknown security scheme " + name));
            }
        }
        assertThat(unprotected).isEmpty();
    }

    private List<String> missingJsonExamples(MediaType media) {
        if (hasExample(media)) {
            return List.of();
        }
        Schema<?> schema = resolve(media.getSchema());
        if (schema == null) {
            return List.of("no schema");
        }
        if (schema.getExample() != null || hasExamples(schema)) {
            return List.of();
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null || properties.isEmpty()) {
            return List.of("no example on the media type, the schema or its properties");
        }
        List<String> missing = new ArrayList<>();
        if (properties.values().stream().noneMatch(this::schemaHasExample)) {
            missing.add("none of its properties has an example");
        }
        if (schema.getRequired() != null) {
            schema.getRequired().stream()
                .filter(name -> properties.containsKey(name) && !schemaHasExample(properties.get(name)))
                .forEach(name -> missing.add("required property '" + name + "' has no example"));
        }
        return missing;
    }

    private boolean schemaHasExample(Schema<?> property) {
        Schema<?> resolved = resolve(property);
        return property.getExample() != null || hasExamples(property)
                || (resolved != null && (resolved.getExample() != null || hasExamples(resolved)));
    }

    private static boolean hasExamples(Schema<?> schema) {
        return schema.getExamples() != null && !schema.getExamples().isEmpty();
    }

    private static boolean hasExample(MediaType media) {
        return media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty());
    }

    /** Follows {@code #/components/schemas/...} references (and chains of them). */
    @SuppressWarnings("rawtypes")
    private Schema resolve(Schema schema) {
        Schema current = schema;
        for (int hops = 0; current != null && current.get$ref() != null && hops < 10; hops++) {
            String ref = current.get$ref();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            current = openApi.getComponents().getSchemas().get(name);
        }
        return current;
    }

    private static boolean isJson(String mediaType) {
        String type = mediaType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/json") || type.contains("+json");
    }

    private static boolean isPublic(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().isEmpty();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private List<Op> operations() {
        List<Op> operations = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.add(new Op(method.name(), path, operation))));
        return operations;
    }

    private List<Op> apiOperations() {
        return operations().stream().filter(op -> op.path().startsWith(API)).toList();
    }

    private record Op(String method, String path, Operation operation) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
