package org.gridgov.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.PlatformTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec integrators rely on: valid OpenAPI 3.1, every operation summarised, tagged and with its error
 * responses. Writes it to {@code web-app/target/openapi.json}.
 */
@PlatformTest
class OpenApiSpecIT {

    @LocalServerPort
    int port;

    @Test
    void exported_spec_is_valid_openapi_and_every_operation_is_documented() throws Exception {
        var response = HttpTestClient.at(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), response.body());

        SwaggerParseResult result = new OpenAPIParser().readContents(response.body(), null, null);

        assertThat(result.getMessages()).as("parser messages").isEmpty();
        OpenAPI openApi = result.getOpenAPI();
        assertThat(openApi.getOpenapi()).startsWith("3.1");
        assertThat(openApi.getPaths()).isNotEmpty();

        List<String> undocumented = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                undocumented.add(name + ": no summary");
            }
            if (operation.getTags() == null || operation.getTags().isEmpty()) {
                undocumented.add(name + ": no tag");
            }
            if (operation.getResponses() == null || !operation.getResponses().containsKey("400")
                    || !operation.getResponses().containsKey("500")) {
                undocumented.add(name + ": error responses missing");
            }
        }));
        assertThat(undocumented).isEmpty();
    }
}
