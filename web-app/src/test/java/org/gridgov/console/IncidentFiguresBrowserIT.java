package org.gridgov.console;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The incident figures page draws its ECharts charts; administrators change categories in the settings page. */
@PlatformTest
class IncidentFiguresBrowserIT {

    @LocalServerPort
    int port;

    JsonNode grid(HttpTestClient admin, String type, JsonNode parent) {
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type, parent == null ? null : parent.path("code").asString()) + "\"name\":\"统计" + GridNames.inWords(type)
                + "\",\"type\":\"" + type + "\"" + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"")
                + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    @Test
    void figures_show_the_counts_and_draw_the_daily_and_per_area_charts() {
        HttpTestClient admin = ApiLogin.admin(port);
        JsonNode district = grid(admin, "DISTRICT", null);
        JsonNode street = grid(admin, "STREET", district);
        JsonNode community = grid(admin, "COMMUNITY", street);
        for (int i = 0; i < 3; i++) {
            var reported = admin.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                    "{\"category\":\"NOISE\",\"description\":\"统计用\",\"gridCode\":\"" + community.path("code").asString() + "\"}");
            assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD)
                .get("/incidents/figures?lang=en&nodeId=" + district.path("id").asLong());

            assertThat(browser.waitForVisible(By.id("figure-received")).getText()).isEqualTo("3");
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-daily canvas")));
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-children canvas")));
            assertThat(browser.find(By.id("children-table")).getText()).contains(street.path("name").asString());
        }
    }

    @Test
    void open_incidents_appear_on_the_map_as_clusters() {
        HttpTestClient admin = ApiLogin.admin(port);
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[10,10],[10.1,10],[10.1,10.1],[10,10.1],[10,10]]]}";
        JsonNode district = admin.post("/api/v1/grids", "{\"code\":\"" + Unique.districtCode() + "\",\"name\":\"地图区\","
                + "\"type\":\"DISTRICT\",\"boundary\":" + square + "}").json();
        for (int i = 0; i < 2; i++) {
            admin.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                    "{\"category\":\"NOISE\",\"description\":\"地图\",\"lat\":10.05,\"lng\":10.05}");
        }
        assertThat(district.path("id").asLong()).isPositive();

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/incidents/map?lang=en");

            // clusters are markers that carry their count (issue 19 #7: counts without hovering)
            browser.waitUntil(ExpectedConditions.attributeToBe(By.id("incident-map"), "data-state", "ready"));
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#incident-map .incident-cluster")));
            // (read from the markers themselves: those outside the map's view have no visible text)
            assertThat(browser.findAll(By.cssSelector("#incident-map .incident-cluster-label")))
                .isNotEmpty().allSatisfy(cluster -> assertThat(cluster.getDomAttribute("data-count")).matches("[1-9][0-9]*"));
        }
    }

    @Test
    void an_administrator_adds_a_category_with_its_deadlines() {
        String code = "CONSOLE_" + Unique.next();
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/incidents/settings?lang=en");
            var form = browser.waitForVisible(By.id("category-form"));
            form.findElement(By.name("code")).sendKeys(code);
            form.findElement(By.name("name")).sendKeys("高空抛物");
            form.findElement(By.name("responseHours")).sendKeys("2");
            form.findElement(By.name("resolutionHours")).sendKeys("48");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitUntilGone(form);

            assertThat(browser.waitForVisible(By.id("flash-message")).getText()).isEqualTo("Saved");
            // name, response and resolution hours by their cells: the code in the first holds generated digits
            assertThat(browser.find(By.cssSelector("tr[data-code='" + code + "']")).findElements(By.tagName("td"))
                .stream().map(WebElement::getText).toList().subList(1, 4)).containsExactly("高空抛物", "2", "48");
        }
    }
}
