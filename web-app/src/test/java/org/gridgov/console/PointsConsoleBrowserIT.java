package org.gridgov.console;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The Happiness Card loop in the console: record a service → approve → points appear → redeem → merchant verifies. */
@PlatformTest
class PointsConsoleBrowserIT {

    static final String PASSWORD = "points-console-1";

    @LocalServerPort
    int port;

    HttpTestClient admin;

    @Test
    void a_recorded_service_is_approved_its_points_buy_an_item_and_the_merchant_verifies_the_code() {
        admin = ApiLogin.admin(port);
        JsonNode district = grid("DISTRICT", null);
        JsonNode street = grid("STREET", district);
        JsonNode community = grid("COMMUNITY", street);
        JsonNode general = grid("GENERAL_GRID", community);
        long communityId = community.path("id").asLong();
        String gridWorker = account("GRID_WORKER", ",\"scopeNodeId\":" + general.path("id").asLong());
        String communityWorker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + communityId);
        long partner = admin.post("/api/v1/points/partners", "{\"name\":\"便利店\",\"kind\":\"MERCHANT\",\"communityId\":"
                + communityId + "}").json().path("id").asLong();
        String merchant = account("MERCHANT", ",\"partnerId\":" + partner);
        String itemName = "Laundry " + Unique.next();
        long itemId = admin.post("/api/v1/points/items", "{\"partnerId\":" + partner + ",\"name\":\"" + itemName
                + "\",\"price\":6,\"stock\":5}").json().path("id").asLong();

        // the grid worker records a gas check
        try (Browser browser = Browser.open(port)) {
            browser.login(gridWorker, PASSWORD).get("/points?lang=en");
            new Select(browser.waitForVisible(By.id("record-type"))).selectByValue("GAS_CHECK");
            browser.find(By.id("record-description")).sendKeys("Checked the gas meters of building 3");
            submit(browser, By.id("record-submit"));
            assertThat(browser.find(By.id("flash-message")).getText()).contains("Service recorded");
            assertThat(browser.texts(By.cssSelector("#my-records td.state"))).containsExactly("waiting for review");
            assertThat(browser.find(By.id("my-balance")).getText()).isEqualTo("0");
        }

        // the community worker approves it from the review queue
        try (Browser browser = Browser.open(port)) {
            browser.login(communityWorker, PASSWORD).get("/points?lang=en");
            browser.waitForClickable(By.id("nav-review")).click();
            WebElement approve = browser.waitForClickable(By.cssSelector("#review-records button.approve"));
            submit(browser, approve);
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("Approved.");
            // and sees the worker on the month's points ranking of the community, next to the satisfaction ranking
            browser.get("/points/rankings?lang=en&nodeId=" + communityId);
            assertThat(browser.texts(By.cssSelector("#rankings tbody td:nth-child(3)"))).containsExactly("10");
            assertThat(browser.find(By.id("satisfaction-rankings")).isDisplayed()).isTrue();
        }

        // the points appear; the worker redeems the item
        String code;
        try (Browser browser = Browser.open(port)) {
            browser.login(gridWorker, PASSWORD).get("/points?lang=en");
            assertThat(browser.waitForVisible(By.id("my-balance")).getText()).isEqualTo("10");
            assertThat(browser.texts(By.cssSelector("#my-records td.state"))).containsExactly("approved");
            submit(browser, browser.find(By.cssSelector("#mall-items tr[data-id='" + itemId + "'] button.redeem")));
            assertThat(browser.find(By.id("flash-message")).getText()).contains("Redeemed");
            assertThat(browser.find(By.id("my-available")).getText()).isEqualTo("4");
            code = browser.find(By.cssSelector("#my-codes td.code")).getText();
            assertThat(code).hasSize(10);
        }

        // the merchant verifies the code at the counter
        try (Browser browser = Browser.open(port)) {
            browser.login(merchant, PASSWORD).get("/points?lang=en");
            browser.waitForVisible(By.id("verify-code")).sendKeys(code.toLowerCase(Locale.ROOT));
            submit(browser, By.id("verify-submit"));
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("Code verified.");
            assertThat(browser.texts(By.cssSelector("#partner-redemptions td.state"))).containsExactly("honoured");
            // a second time is refused
            browser.waitForVisible(By.id("verify-code")).sendKeys(code);
            submit(browser, By.id("verify-submit"));
            assertThat(browser.find(By.id("flash-error")).getText()).contains("already verified");
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(gridWorker, PASSWORD).get("/points?lang=en");
            assertThat(browser.waitForVisible(By.id("my-balance")).getText()).isEqualTo("4");
            assertThat(browser.texts(By.cssSelector("#my-codes td.state"))).containsExactly("honoured");
        }
    }

    private void submit(Browser browser, By button) {
        submit(browser, browser.waitForClickable(button));
    }

    /** Clicks a submit button and waits for the page after the redirect. */
    private void submit(Browser browser, WebElement button) {
        WebElement html = browser.find(By.tagName("html"));
        button.click();
        browser.waitUntilGone(html);
        browser.waitForVisible(By.tagName("main"));
    }

    private JsonNode grid(String type, JsonNode parent) {
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type, parent == null ? null : parent.path("code").asString()) + "\"name\":\"积分页面" + GridNames.inWords(type)
                + "\",\"type\":\"" + type + "\"" + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"")
                + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String account(String role, String binding) {
        String username = Unique.code("ptc" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
