package org.gridgov.console;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 15-minute life circle in the browser, over the whole platform (resident-service answering where dwellings are
 * through the shared kernel's port): the community worker imports a GBK CSV of clinics in the console, then reads the
 * coverage table of the community's located buildings, sees facilities and gap dwellings on the Leaflet map, and a bad
 * file is refused with its problems listed by row.
 */
@PlatformTest
class LifeCircleConsoleBrowserIT {

    static final String PASSWORD = "life-circle-console-1";
    static final double LAT = 30.5;
    static final double LNG = 101.5;

    @LocalServerPort
    int port;

    HttpTestClient admin;

    @Test
    void the_community_worker_imports_clinics_and_reads_the_coverage_of_the_community_on_a_table_and_a_map()
            throws Exception {
        admin = ApiLogin.admin(port);
        JsonNode district = grid("DISTRICT", null);
        JsonNode street = grid("STREET", district);
        JsonNode community = grid("COMMUNITY", street);
        JsonNode general = grid("GENERAL_GRID", community);
        JsonNode micro = grid("MICRO_GRID", general);
        long communityId = community.path("id").asLong();
        String worker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + communityId);

        double lngPerMetre = 1 / (Math.PI * 6_371_008.8 / 180 * Math.cos(Math.toRadians(LAT)));
        var compound = admin.post("/api/v1/compounds", "{\"code\":\"" + Unique.code("LCB") + "\",\"name\":\"锦江苑\","
                + "\"communityId\":" + communityId + "}");
        assertThat(compound.status()).as(compound.toString()).isEqualTo(201);
        long compoundId = compound.json().path("id").asLong();
        // a building next to the clinic (1.8 min) and one 1 km away (18.1 min): the second is a gap
        for (int metres : new int[] { 100, 1000 }) {
            var building = admin.post("/api/v1/compounds/" + compoundId + "/buildings", "{\"code\":\"B" + metres
                    + "\"}");
            assertThat(building.status()).as(building.toString()).isEqualTo(201);
            long buildingId = building.json().path("id").asLong();
            var located = admin.put("/api/v1/compounds/" + compoundId + "/buildings/" + buildingId + "/location",
                    "{\"lat\":" + LAT + ",\"lng\":" + (LNG + metres * lngPerMetre) + "}");
            assertThat(located.status()).as(located.toString()).isEqualTo(200);
            var dwelling = admin.post("/api/v1/buildings/" + buildingId + "/dwellings", "{\"unit\":\"1\",\"room\":\"101\","
                    + "\"gridId\":" + micro.path("id").asLong() + "}");
            assertThat(dwelling.status()).as(dwelling.toString()).isEqualTo(201);
        }

        Path clinics = Files.createTempFile("clinics", ".csv");
        Files.write(clinics, ("名称,类别,等级,纬度,经度\r\n锦江社区卫生服务站,医疗养老,15分钟," + LAT + "," + LNG + "\r\n")
            .getBytes(Charset.forName("GBK")));
        Path bad = Files.createTempFile("bad", ".csv");
        Files.write(bad, ("名称,类别,纬度,经度\r\n坏类别,医院," + LAT + "," + LNG + "\r\n").getBytes(Charset.forName("GBK")));

        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/participation/life-circle?lang=en");
            assertThat(browser.find(By.id("life-circle-method")).getText()).contains("not a street-network route");
            browser.find(By.id("life-circle-file")).sendKeys(clinics.toString());
            submit(browser, By.id("life-circle-import-submit"));
            assertThat(browser.find(By.id("life-circle-imported")).getText()).contains("1 facilities created");

            assertThat(browser.find(By.id("life-circle-dwellings")).getText()).startsWith("2 dwellings: 2 located");
            WebElement health = browser.find(By.cssSelector("#life-circle-kinds tr[data-kind='HEALTH_ELDERLY']"));
            assertThat(health.findElement(By.className("facilities")).getText()).isEqualTo("1");
            assertThat(health.findElement(By.className("beyond15")).getText()).isEqualTo("1 (50.0%)");
            assertThat(health.findElement(By.className("beyond5")).getText()).isEqualTo("1 (50.0%)");
            WebElement sports = browser.find(By.cssSelector("#life-circle-kinds tr[data-kind='SPORTS']"));
            assertThat(sports.findElement(By.className("beyond15")).getText()).isEqualTo("2 (100.0%)");
            assertThat(browser.texts(By.cssSelector("#life-circle-gaps td.address")))
                .allSatisfy(address -> assertThat(address).startsWith("锦江苑").endsWith("***"));

            // the map drew the clinic and the gap dwellings (every dwelling lacks sports within 15 minutes)
            browser.waitUntil(d -> "1".equals(browser.find(By.id("life-circle-map")).getAttribute("data-facilities")));
            assertThat(browser.find(By.id("life-circle-map")).getAttribute("data-gaps")).isEqualTo("2");
            assertThat(browser.findAll(By.cssSelector("#life-circle-map path.life-circle-facility"))).hasSize(1);
            assertThat(browser.findAll(By.cssSelector("#life-circle-map path.life-circle-gap"))).hasSize(2);

            // only the clinic gap, at 10 minutes: the building 1 km away
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("life-circle-kind")))
                .selectByValue("HEALTH_ELDERLY");
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("life-circle-threshold"))).selectByValue("10");
            submit(browser, By.id("life-circle-submit"));
            assertThat(browser.findAll(By.cssSelector("#life-circle-gaps tbody tr"))).hasSize(1);
            assertThat(browser.find(By.id("life-circle-export")).getAttribute("href"))
                .contains("/participation/life-circle/export").contains("kind=HEALTH_ELDERLY");

            browser.find(By.id("life-circle-file")).sendKeys(bad.toString());
            submit(browser, By.id("life-circle-import-submit"));
            assertThat(browser.find(By.id("life-circle-error")).getText()).contains("nothing was imported");
            assertThat(browser.texts(By.cssSelector("#life-circle-row-errors li")))
                .anySatisfy(e -> assertThat(e).contains("Row 2").contains("类别").contains("医院"));
        }
    }

    /** Clicks a submit button and waits for the page after the redirect. */
    private void submit(Browser browser, By button) {
        WebElement html = browser.find(By.tagName("html"));
        browser.waitForClickable(button).click();
        browser.waitUntilGone(html);
        browser.waitForVisible(By.tagName("main"));
    }

    private JsonNode grid(String type, JsonNode parent) {
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type,
                parent == null ? null : parent.path("code").asString()) + "\"name\":\"生活圈" + GridNames.inWords(type)
                + "\",\"type\":\"" + type + "\""
                + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"") + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String account(String role, String binding) {
        String username = Unique.code("lcb" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
