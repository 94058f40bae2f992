package org.gridgov.console;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.resident.IdNumbers;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A community worker imports the community's spreadsheet, finds a resident, reveals the ID (audited), records a visit. */
@PlatformTest
class ResidentConsoleBrowserIT {

    static final String PASSWORD = "resident-console-1";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void import_a_file_find_a_resident_reveal_the_id_and_record_a_visit() throws Exception {
        HttpTestClient admin = ApiLogin.admin(port);
        JsonNode district = grid(admin, "DISTRICT", null);
        JsonNode street = grid(admin, "STREET", district);
        JsonNode community = grid(admin, "COMMUNITY", street);
        JsonNode general = grid(admin, "GENERAL_GRID", community);
        JsonNode micro = grid(admin, "MICRO_GRID", general);
        String worker = Unique.code("rescw");
        assertThat(admin.post("/api/v1/accounts", "{\"username\":\"" + worker + "\",\"displayName\":\"社区\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"COMMUNITY_WORKER\",\"scopeNodeId\":"
                + community.path("id").asLong() + "}").status()).isEqualTo(201);
        String region = String.format(Locale.ROOT, "51%04d", Unique.next() % 10000);
        String idNumber = IdNumbers.of(region, LocalDate.of(1939, 10, 1), 123);
        String name = "Qian" + Unique.next();
        Path file = Files.createTempFile("residents", ".csv");
        Files.writeString(file, "compoundCode,compoundName,buildingCode,unit,room,microGridCode,name,idNumber,phone,tags\n"
                + Unique.code("BC") + ",Brower Court,1,1,101," + micro.path("code").asString() + "," + name + ","
                + idNumber + ",13812340000,ELDERLY_ALONE\n", StandardCharsets.UTF_8);

        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD);

            // import with live progress
            browser.get("/residents/import?lang=en");
            browser.waitForVisible(By.id("resident-import-file")).sendKeys(file.toAbsolutePath().toString());
            browser.find(By.id("resident-import-submit")).click();
            WebElement status = browser.waitUntil(d -> {
                var found = d.findElements(By.cssSelector("#import-progress[data-status='SUCCEEDED'], "
                        + "#import-progress[data-status='FAILED']"));
                return found.isEmpty() ? null : found.get(0);
            });
            assertThat(status.getAttribute("data-status")).as(browser.find(By.id("import-progress")).getText())
                .isEqualTo("SUCCEEDED");
            assertThat(browser.find(By.id("import-created")).getText()).contains("1 residents");

            // find by ID number: shown masked
            browser.get("/residents?lang=en");
            new Select(browser.waitForVisible(By.id("search-by"))).selectByValue("idNumber");
            browser.find(By.id("search-q")).sendKeys(idNumber);
            browser.find(By.id("search-submit")).click();
            WebElement link = browser.waitForVisible(By.cssSelector(".resident-link"));
            assertThat(link.getText()).isEqualTo(name);
            assertThat(browser.find(By.cssSelector(".residents-table")).getText()).doesNotContain(idNumber)
                .contains(idNumber.substring(0, 4) + "**********" + idNumber.substring(14));
            link.click();

            // reveal the ID, with a reason: shown once, audited
            browser.waitForVisible(By.id("reveal-reason")).sendKeys("verify for the elderly allowance");
            new Select(browser.find(By.id("reveal-field"))).selectByValue("ID_NUMBER");
            browser.find(By.id("reveal-submit")).click();
            assertThat(browser.waitForVisible(By.id("revealed-value")).getText()).isEqualTo(idNumber);
            assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'PERSONAL_DATA_REVEALED'"
                    + " and actor = ? and detail like '%elderly allowance'", Long.class, worker)).isOne();

            // record a visit
            browser.find(By.id("visit-place")).sendKeys("at home");
            browser.find(By.id("visit-notes")).sendKeys("in good spirits, fridge stocked");
            WebElement submit = browser.find(By.id("visit-submit"));
            submit.click();
            browser.waitUntilGone(submit);
            assertThat(browser.waitForVisible(By.cssSelector("#visit-list .visit-notes")).getText())
                .isEqualTo("in good spirits, fridge stocked");
            assertThat(browser.find(By.id("id-number-masked")).getText()).doesNotContain(idNumber);
        }
        finally {
            Files.deleteIfExists(file);
        }
    }

    private JsonNode grid(HttpTestClient admin, String type, JsonNode parent) {
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type, parent == null ? null : parent.path("code").asString()) + "\"name\":\"Browser " + GridNames.inWords(type)
                + "\",\"type\":\"" + type + "\"" + (parent == null ? "" : ",\"parentCode\":\""
                        + parent.path("code").asString() + "\"") + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }
}
