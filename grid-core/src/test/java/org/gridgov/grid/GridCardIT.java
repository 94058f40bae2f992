package org.gridgov.grid;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestAreas;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridgov.testsupport.GridTreeFixture.code;
import static org.gridgov.testsupport.GridTreeFixture.id;
import static org.gridgov.testsupport.GridTreeFixture.rectangle;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "gridgov.http.public-rate-limit-per-minute=8", "server.forward-headers-strategy=framework" })
class GridCardIT {

    @LocalServerPort
    int port;

    HttpTestClient http;
    GridTreeFixture grids;
    GridApi trees;

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
        grids = new GridTreeFixture(http);
        trees = new GridApi(grids);
    }

    @Test
    void the_card_by_code_and_by_location_names_the_grid_its_worker_and_duties() {
        double[] area = TestAreas.large();
        var tree = trees.tree(area[0], area[1]);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(),
                rectangle(area[0], area[1], area[0] + 0.02, area[1] + 0.02));
        JsonNode micro = grids.create("MICRO_GRID", general,
                rectangle(area[0], area[1], area[0] + 0.01, area[1] + 0.01));
        http.post("/api/v1/grids/" + id(micro) + "/staff", "{\"personName\":\"张秀英\",\"role\":\"MICRO_GRID_WORKER\","
                + "\"workPhone\":\"13800001111\",\"primaryWorker\":true}");
        HttpTestClient anonymous = HttpTestClient.at(port).header("X-Forwarded-For", "10.9.0.1");

        var byCode = anonymous.get("/api/v1/public/grid-cards/" + code(micro));
        var byLocation = anonymous.get("/api/v1/public/grid-cards?lat=" + (area[1] + 0.005) + "&lng=" + (area[0] + 0.005));

        assertThat(byCode.status()).as(byCode.toString()).isEqualTo(200);
        JsonNode card = byCode.json();
        assertThat(card.path("gridName").asString()).isEqualTo(micro.path("name").asString());
        assertThat(card.path("workerName").asString()).isEqualTo("张秀英");
        assertThat(card.path("workerPhone").asString()).isEqualTo("13800001111");
        assertThat(card.path("chain")).hasSize(5);
        assertThat(card.path("duties").toString()).contains("特殊人群走访");
        assertThat(byLocation.json().path("gridCode").asString()).isEqualTo(code(micro));

        // a phone asking again gets 304 until the card changes; the same card has the same ETag by code or location
        String etag = byLocation.header("ETag");
        assertThat(etag).startsWith("W/\"card-").isEqualTo(byCode.header("ETag"));
        // its page for phones is at the same address: shared caches keep the JSON and the page apart
        assertThat(byCode.header("Vary")).contains("Accept");
        var again = anonymous.header("If-None-Match", etag)
            .get("/api/v1/public/grid-cards?lat=" + (area[1] + 0.005) + "&lng=" + (area[0] + 0.005));
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void a_grid_without_a_worker_shows_the_general_grid_worker() {
        double[] area = TestAreas.large();
        var tree = trees.tree(area[0], area[1]);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), null);
        JsonNode micro = grids.create("MICRO_GRID", general, null);
        http.post("/api/v1/grids/" + id(general) + "/staff", "{\"personName\":\"刘强\",\"role\":\"GENERAL_GRID_WORKER\","
                + "\"workPhone\":\"13900002222\",\"primaryWorker\":true}");

        HttpTestClient anonymous = HttpTestClient.at(port).header("X-Forwarded-For", "10.9.0.2");
        var served = anonymous.get("/api/v1/public/grid-cards/" + code(micro));
        var card = served.json();

        assertThat(card.path("workerName").asString()).isEqualTo("刘强");
        assertThat(card.path("servedFromGridCode").asString()).isEqualTo(code(general));

        // the grid gets its own worker: a phone holding the old card's ETag gets the new card, not 304
        http.post("/api/v1/grids/" + id(micro) + "/staff", "{\"personName\":\"王建国\",\"role\":\"MICRO_GRID_WORKER\","
                + "\"workPhone\":\"13800003333\",\"primaryWorker\":true}");
        var changed = anonymous.header("If-None-Match", served.header("ETag"))
            .get("/api/v1/public/grid-cards/" + code(micro));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("workerName").asString()).isEqualTo("王建国");
        assertThat(changed.header("ETag")).isNotEqualTo(served.header("ETag"));
    }

    @Test
    void unknown_codes_are_404_and_too_many_requests_are_429() {
        HttpTestClient client = HttpTestClient.at(port).header("X-Forwarded-For", "10.9.0.3");

        var unknown = client.get("/api/v1/public/grid-cards/NOPE-404");
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 10; i++) {
            var response = client.get("/api/v1/public/grid-cards/NOPE-404");
            if (response.status() == 429) {
                limited++;
                retryAfter = response.header("Retry-After");
                assertThat(response.json().path("code").asString()).isEqualTo("request.rate-limited");
            }
        }

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(limited).isGreaterThan(0);
        assertThat(retryAfter).isNotBlank();
        // another address is not affected
        assertThat(HttpTestClient.at(port).header("X-Forwarded-For", "10.9.0.4")
            .get("/api/v1/public/grid-cards/NOPE-404").status()).isEqualTo(404);
    }
}
