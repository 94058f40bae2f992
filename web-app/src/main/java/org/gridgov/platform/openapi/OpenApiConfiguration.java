package org.gridgov.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description integrators rely on: info, the security scheme, the {@code Problem} schema, and the
 * error responses every operation can give (documented on every operation, so clients can rely on them).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    static final String SECURITY_SCHEME = "bearerAuth";

    @Bean
    OpenAPI gridGovOpenApi() {
        return new OpenAPI()
            .info(new Info().title("GridGov API")
                .version("v1")
                .description("Grid-based community governance (微网实格): grid tree, residents, incidents, points. "
                        + "Conventions (paging, Idempotency-Key, ETag/If-Match, problem+json errors) are in docs/API.md.")
                .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
            .components(new Components()
                .addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("Access token from POST /api/v1/auth/token (users) or "
                            + "/api/v1/auth/client-token (integrators)")))
            .addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
    }

    /** Adds the error responses an operation can give, unless the operation documents them itself. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            // added here, not on the OpenAPI bean: springdoc rebuilds the schemas it finds on the controllers
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                String instance = path.replaceAll("\\{[^}]+}", "42");
                add(responses, "400", "Invalid request: malformed JSON, wrong types or invalid fields (see errors[])",
                        instance);
                if (!isPublic(operation)) {
                    add(responses, "401", "Authentication is required", instance);
                    add(responses, "403", "The caller may not do this", instance);
                }
                if (path.contains("{")) {
                    add(responses, "404", "Not found, or outside the caller's data scope", instance);
                }
                if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                        || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE) {
                    add(responses, "409", "Conflicts with the current state", instance);
                    add(responses, "422", "Breaks a business rule", instance);
                }
                if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
                    add(responses, "412", "Stale If-Match: the resource changed since it was read", instance);
                    add(responses, "428", "If-Match is required", instance);
                }
                add(responses, "500", "Unexpected server error (carries a reference to the logs)", instance);
                operation.setResponses(responses);
            }));
            ContractTruth.apply(openApi);
            Open311Spec.apply(openApi);
        };
    }

    private static boolean isPublic(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().isEmpty();
    }

    static void add(ApiResponses responses, String status, String description, String instance) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                            .example(problemExample(status, instance)))));
        }
    }

    /**
     * A typical problem body for a status, as {@code ProblemDetailsAdvice} writes it (codes from docs/API.md), so
     * integrators see the shape, {@code code} and {@code errors[]} without provoking the error first.
     */
    static Map<String, Object> problemExample(String status, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        switch (status) {
            case "400" -> {
                fill(problem, "request.validation-failed", "Bad Request", 400, "The request has invalid fields.");
                problem.put("errors", List.of(fieldError("name", "field.required", "must not be blank")));
            }
            case "401" -> fill(problem, "auth.unauthenticated", "Unauthorized", 401,
                    "Send a valid bearer token from POST /api/v1/auth/token.");
            case "403" -> fill(problem, "auth.forbidden", "Forbidden", 403, "Your role may not do this.");
            case "404" -> fill(problem, "resource.not-found", "Not Found", 404,
                    "No such resource, or it lies outside your part of the grid tree.");
            case "409" -> conflictExample(problem, instance);
            case "412" -> fill(problem, "resource.version-stale", "Precondition Failed", 412,
                    "The resource changed since you read it; fetch it again and retry.");
            case "422" -> ruleExample(problem, instance);
            case "428" -> fill(problem, "resource.precondition-required", "Precondition Required", 428,
                    "Send If-Match with the ETag you read.");
            default -> {
                fill(problem, "server.error", "Internal Server Error", 500,
                        "An unexpected error occurred. Reference: 9f2c4e1a-6b7d-4c3e-8a51-2d0f7b6e3c90");
                problem.put("reference", "9f2c4e1a-6b7d-4c3e-8a51-2d0f7b6e3c90");
            }
        }
        problem.put("instance", instance);
        return problem;
    }

    /** A 409 as the module behind the path writes it: the grid tree's codes only under /grids. */
    private static void conflictExample(Map<String, Object> problem, String instance) {
        if (instance.startsWith("/api/v1/grids")) {
            fill(problem, "grid.node.duplicate-code", "Conflict", 409,
                    "A grid with code 510116001003G01M01 already exists");
            problem.put("errors", List.of(fieldError("code", "grid.node.duplicate-code", "already used")));
        }
        else if (instance.startsWith("/api/v1/incidents")) {
            fill(problem, "incident.illegal-move", "Conflict", 409, "RESOLVE is not allowed while SUBMITTED");
            problem.put("allowedMoves", List.of("ACCEPT", "REJECT", "ESCALATE"));
        }
        else {
            fill(problem, "idempotency.in-progress", "Conflict", 409,
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
        }
    }

    /** A 422 as the module behind the path writes it. */
    private static void ruleExample(Map<String, Object> problem, String instance) {
        if (instance.startsWith("/api/v1/grids")) {
            fill(problem, "grid.node.parent-type", "Unprocessable Content", 422,
                    "A MICRO_GRID may not hang under a STREET (allowed parents: [GENERAL_GRID])");
            problem.put("errors", List.of(fieldError("parentCode", "grid.node.parent-type",
                    "A MICRO_GRID may not hang under a STREET (allowed parents: [GENERAL_GRID])")));
        }
        else {
            fill(problem, "idempotency.key-reused", "Unprocessable Content", 422,
                    "This Idempotency-Key was used for another request.");
        }
    }

    private static Map<String, Object> fieldError(String field, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("code", code);
        error.put("message", message);
        return error;
    }

    private static void fill(Map<String, Object> problem, String code, String title, int status, String detail) {
        problem.put("type", "urn:problem:gridgov:" + code);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        // LinkedHashMap, not Map.of: Map.of iterates in an order salted per JVM, so the published spec changed
        // from run to run
        Map<String, Schema> fieldErrorProperties = new LinkedHashMap<>();
        fieldErrorProperties.put("field", new StringSchema().description("the rejected field"));
        fieldErrorProperties.put("code", new StringSchema().description("machine-readable reason"));
        fieldErrorProperties.put("message", new StringSchema().description("human-readable reason"));
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.setProperties(fieldErrorProperties);
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema()
            .description("URI identifying the problem type, urn:problem:gridgov:<code>"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema().description("human-readable explanation"));
        properties.put("instance", new StringSchema());
        properties.put("code", new StringSchema().description("stable machine-readable code, e.g. grid.node.not-found"));
        properties.put("errors", new ArraySchema().items(fieldError));
        properties.put("reference", new StringSchema()
            .description("on a 500: the id under which the server logged the cause"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.setProperties(properties);
        return problem;
    }
}
