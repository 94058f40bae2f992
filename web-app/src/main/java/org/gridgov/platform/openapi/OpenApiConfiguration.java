package org.gridgov.platform.openapi;

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
                add(responses, "400", "Invalid request: malformed JSON, wrong types or invalid fields (see errors[])");
                if (!isPublic(operation)) {
                    add(responses, "401", "Authentication is required");
                    add(responses, "403", "The caller may not do this");
                }
                if (path.contains("{")) {
                    add(responses, "404", "Not found, or outside the caller's data scope");
                }
                if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                        || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE) {
                    add(responses, "409", "Conflicts with the current state");
                    add(responses, "422", "Breaks a business rule");
                }
                if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
                    add(responses, "412", "Stale If-Match: the resource changed since it was read");
                    add(responses, "428", "If-Match is required");
                }
                add(responses, "500", "Unexpected server error (carries a reference to the logs)");
                operation.setResponses(responses);
            }));
        };
    }

    private static boolean isPublic(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().isEmpty();
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.setProperties(Map.of("field", new StringSchema().description("the rejected field"),
                "code", new StringSchema().description("machine-readable reason"),
                "message", new StringSchema().description("human-readable reason")));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.setProperties(Map.of(
                "type", new StringSchema().description("URI identifying the problem type, urn:problem:gridgov:<code>"),
                "title", new StringSchema(),
                "status", new IntegerSchema(),
                "detail", new StringSchema().description("human-readable explanation"),
                "instance", new StringSchema(),
                "code", new StringSchema().description("stable machine-readable code, e.g. grid.node.not-found"),
                "errors", new ArraySchema().items(fieldError)));
        return problem;
    }
}
