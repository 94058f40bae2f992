package org.gridgov.platform.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * What springdoc cannot see in the handlers' signatures but the server does, written into the spec so that it tells
 * the truth (checked by {@code ApiContractIT}, which replays real requests and validates the real answers):
 * <ul>
 * <li>the success status of creates (201 with {@code Location}) and bodiless answers (204), which handlers set on a
 * {@code ResponseEntity};</li>
 * <li>{@code If-Match} is required where it is enforced (428 without, 412 when stale) and the answer carries the new
 * {@code ETag}; {@code Idempotency-Key} is required where the handler refuses a request without it;</li>
 * <li>nullability: the server writes {@code null} for every absent value, so every property a schema does not
 * require is declared nullable (OpenAPI 3.1: {@code "null"} among its types) — typed clients must not invent
 * values for them;</li>
 * <li>a 404 wherever a query parameter names a grid or another resource by id;</li>
 * <li>the CSV downloads are {@code text/csv}, not JSON.</li>
 * </ul>
 */
final class ContractTruth {

    /** Operations whose handler answers 201 Created with a Location (from the handlers' ResponseEntity.created). */
    static final Set<String> CREATED = Set.of("POST /api/v1/grids", "POST /api/v1/grids/{id}/staff",
            "POST /api/v1/departments", "POST /api/v1/admissions", "POST /api/v1/accounts",
            "POST /api/v1/integrator-clients", "POST /api/v1/incidents", "POST /api/v1/incidents/{id}/photos",
            "POST /api/v1/points/service-records", "POST /api/v1/compounds", "POST /api/v1/compounds/{id}/buildings",
            "POST /api/v1/buildings/{id}/dwellings", "POST /api/v1/places", "POST /api/v1/residents",
            "POST /api/v1/residents/{id}/visits", "POST /api/v1/visits/{id}/photos",
            "POST /api/v1/inspection-campaigns", "POST /api/v1/inspection-campaigns/{id}/inspections",
            "POST /api/v1/webhook-subscriptions");

    /** Operations answering 201 without a Location. */
    static final Set<String> CREATED_WITHOUT_LOCATION = Set.of("POST /api/v1/auth/register",
            "POST /api/v1/points/items/{id}/redeem");

    /** Operations answering 204 No Content. */
    static final Set<String> NO_CONTENT = Set.of("POST /api/v1/auth/logout", "POST /api/v1/me/password",
            "POST /api/v1/me/notifications/{id}/read", "DELETE /api/v1/work-calendar/{day}",
            "DELETE /api/v1/webhook-subscriptions/{id}",
            "DELETE /api/v1/incident-categories/{code}/deadline-rules/{deadline}",
            "DELETE /api/v1/incident-categories/mappings/{source}/{externalCode}");

    /** Operations that refuse a request without Idempotency-Key (400 naming the header). */
    static final Set<String> IDEMPOTENCY_KEY_REQUIRED = Set.of("POST /api/v1/incidents");

    /** Single-resource reads that answer the resource's version as ETag. */
    static final Set<String> ETAG_ON_READ = Set.of("GET /api/v1/incidents/{id}", "GET /api/v1/accounts/{id}",
            "GET /api/v1/grids/{id}");

    private ContractTruth() {
    }

    static void apply(OpenAPI openApi) {
        if (openApi.getPaths() != null) {
            // springdoc numbers clashing handler names later (get_6, create_1, in the order it meets them): generated
            // clients deserve names that say what they do and do not shift when a controller is added
            Map<String, Integer> uses = new java.util.HashMap<>();
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                    uses.merge(String.valueOf(operation.getOperationId()), 1, Integer::sum)));
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String id = String.valueOf(operation.getOperationId());
                if (uses.get(id) > 1 || id.matches(".*_\\d+$")) {
                    operation.setOperationId(operationId(method, path));
                }
            }));
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operation(method + " " + path, method, path, operation)));
        }
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().forEach((name, schema) -> {
                if (!OpenApiConfiguration.PROBLEM.equals(name)) {
                    nullable(schema, new HashSet<>());
                }
            });
        }
    }

    private static void operation(String key, PathItem.HttpMethod method, String path, Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        String instance = path.replaceAll("\\{[^}]+}", "42");
        boolean ifMatch = false;
        for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of()
                : operation.getParameters()) {
            if ("header".equals(parameter.getIn()) && "If-Match".equalsIgnoreCase(parameter.getName())) {
                ifMatch = true;
                parameter.setRequired(true);
                parameter.setDescription("the ETag last read (428 without it, 412 when the resource changed since)");
            }
            if ("header".equals(parameter.getIn()) && "Idempotency-Key".equalsIgnoreCase(parameter.getName())) {
                boolean required = IDEMPOTENCY_KEY_REQUIRED.contains(key);
                parameter.setRequired(required);
                parameter.setDescription((required ? "Required. " : "Optional, honoured. ")
                        + "A retry with the same key and body returns the first answer (Idempotent-Replayed: true); "
                        + "the same key with another body is 422 idempotency.key-reused.");
            }
            if ("query".equals(parameter.getIn()) && parameter.getName().endsWith("Id")) {
                OpenApiConfiguration.add(responses, "404", "The " + parameter.getName()
                        + " names nothing, or something outside the caller's data scope", instance);
            }
        }
        if (ifMatch) {
            OpenApiConfiguration.add(responses, "412", "Stale If-Match: the resource changed since it was read",
                    instance);
            OpenApiConfiguration.add(responses, "428", "If-Match is required", instance);
        }
        if (CREATED.contains(key) || CREATED_WITHOUT_LOCATION.contains(key)) {
            moveSuccess(responses, "201", "Created");
            if (CREATED.contains(key)) {
                header(responses.get("201"), "Location", "where the created resource is read", true);
            }
        }
        if (NO_CONTENT.contains(key)) {
            ApiResponse ok = responses.remove("200");
            responses.addApiResponse("204", new ApiResponse()
                .description(ok == null || ok.getDescription() == null ? "No Content" : ok.getDescription()));
        }
        if (ifMatch || ETAG_ON_READ.contains(key) || "POST /api/v1/incidents".equals(key)) {
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    header(response, "ETag", "the resource's version, to send back as If-Match", true);
                }
            });
        }
        if (path.endsWith(".csv") || path.endsWith("/export") || path.endsWith("/template")) {
            responses.forEach((status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                    Content files = new Content().addMediaType("text/csv",
                            new MediaType().schema(typed("string").format("binary")));
                    if (path.endsWith("/template")) {
                        files.addMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                new MediaType().schema(typed("string").format("binary")));
                    }
                    response.setContent(files);
                }
            });
        }
    }

    /** GET /api/v1/incidents/{id} → getIncidentsById: stable, unique, readable in generated clients. */
    static String operationId(PathItem.HttpMethod method, String path) {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(java.util.Locale.ROOT));
        List<String> variables = new ArrayList<>();
        for (String segment : path.replaceFirst("^/api/v1/", "/").split("[/.]")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith("{")) {
                variables.add(segment.substring(1, segment.length() - 1));
                continue;
            }
            for (String word : segment.split("-")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        for (int i = 0; i < variables.size(); i++) {
            String variable = variables.get(i);
            id.append(i == 0 ? "By" : "And").append(Character.toUpperCase(variable.charAt(0)))
                .append(variable.substring(1));
        }
        return id.toString();
    }

    private static void moveSuccess(ApiResponses responses, String status, String fallbackDescription) {
        ApiResponse ok = responses.remove("200");
        if (ok == null) {
            ok = new ApiResponse().description(fallbackDescription);
        }
        responses.addApiResponse(status, ok);
        // keep 2xx first, then the errors in order
        List<String> order = new ArrayList<>(responses.keySet());
        order.sort(String::compareTo);
        ApiResponses sorted = new ApiResponses();
        order.forEach(code -> sorted.addApiResponse(code, responses.get(code)));
        responses.clear();
        responses.putAll(sorted);
    }

    private static void header(ApiResponse response, String name, String description, boolean required) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeaderObject(name, new Header().description(description).required(required)
                .schema(typed("string")));
        }
    }

    /** Declares every property the schema does not require as nullable, recursively into inline schemas. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    static void nullable(Schema schema, Set<Schema> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            properties.replaceAll((name, property) -> {
                nullable(property, seen);
                return required.contains(name) ? property : orNull(property);
            });
        }
        if (schema.getItems() != null) {
            nullable(schema.getItems(), seen);
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema orNull(Schema property) {
        if (property.get$ref() != null) {
            Schema wrapper = new Schema();
            wrapper.setAnyOf(new ArrayList<>(List.of(new Schema<>().$ref(property.get$ref()),
                    typed("null"))));
            wrapper.setDescription(property.getDescription());
            return wrapper;
        }
        Set<String> types = property.getTypes() == null ? new LinkedHashSet<>()
                : new LinkedHashSet<>(property.getTypes());
        if (types.isEmpty() && property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty() || types.contains("null")) {
            return property;
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }

    /** A schema of one type, as OpenAPI 3.1 writes it ({@code type} alone renders nothing in 3.1 mode). */
    static Schema<?> typed(String type) {
        Schema<?> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(new LinkedHashSet<>(Set.of(type)));
        return schema;
    }
}
