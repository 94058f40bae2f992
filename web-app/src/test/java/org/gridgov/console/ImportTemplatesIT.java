package org.gridgov.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.HttpTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The downloadable templates import as they are downloaded: grids first, then the staff of the grids. */
@PlatformTest
class ImportTemplatesIT {

    @LocalServerPort
    int port;

    @Test
    void the_grid_and_staff_templates_import_cleanly_as_csv_and_as_xlsx() throws Exception {
        HttpTestClient admin = ApiLogin.admin(port);
        String token = ApiLogin.token(port, PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD);

        byte[] gridCsv = download(token, "/api/v1/grid-imports/template?format=csv");
        byte[] gridXlsx = download(token, "/api/v1/grid-imports/template?format=xlsx");
        byte[] staffCsv = download(token, "/api/v1/staff-imports/template");
        byte[] staffXlsx = download(token, "/api/v1/staff-imports/template?format=xlsx");

        assertThat(new String(gridCsv, java.nio.charset.StandardCharsets.UTF_8))
            .startsWith("\uFEFF代码,名称,类型,上级代码,党组织,边界");
        JsonNode grids = run(admin, "/api/v1/grid-imports", "grid-template.csv", gridCsv);
        assertThat(grids.path("status").asString()).as(grids.toString()).isEqualTo("SUCCEEDED");
        JsonNode gridsAgain = run(admin, "/api/v1/grid-imports", "grid-template.xlsx", gridXlsx);
        assertThat(gridsAgain.path("status").asString()).as(gridsAgain.toString()).isEqualTo("SUCCEEDED");
        assertThat(gridsAgain.path("createdCount").asInt()).as("the workbook holds the same rows").isZero();
        assertThat(gridsAgain.path("unchangedCount").asInt()).isEqualTo(5);

        JsonNode staff = run(admin, "/api/v1/staff-imports", "staff-template.csv", staffCsv);
        assertThat(staff.path("status").asString()).as(staff.toString()).isEqualTo("SUCCEEDED");
        JsonNode staffAgain = run(admin, "/api/v1/staff-imports", "staff-template.xlsx", staffXlsx);
        assertThat(staffAgain.path("status").asString()).as(staffAgain.toString()).isEqualTo("SUCCEEDED");
        assertThat(staffAgain.path("unchangedCount").asInt()).isOne();

        JsonNode card = HttpTestClient.at(port)
            .get("/api/v1/public/grid-cards/510107011003G02M04").json();
        assertThat(card.path("workerName").asString()).isEqualTo("王建国");
        assertThat(card.path("chain").toString()).contains("武侯区", "簇桥街道");
    }

    /** The file exactly as a browser saves it. */
    byte[] download(String token, String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    JsonNode run(HttpTestClient client, String path, String fileName, byte[] content) {
        var submitted = client.postFile(path, fileName, "application/octet-stream", content);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String location = submitted.header("Location");
        return await(location).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> client.get(location).json(), job -> job.path("status").asString().equals("SUCCEEDED")
                    || job.path("status").asString().equals("FAILED"));
    }
}
