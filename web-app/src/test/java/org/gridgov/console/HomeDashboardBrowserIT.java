package org.gridgov.console;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's home is a role dashboard: a community worker sees the counts of the work waiting in the community
 * (待受理, 超期, 待审核, 待回访), each opening the list that holds exactly that work, and the overdue incidents; a
 * street officer sees the street's communities side by side against the 90 % line of the 24-hour response rate.
 */
@PlatformTest
class HomeDashboardBrowserIT {

    static final Path DOCS_SCREENSHOTS = Path.of("..", "docs", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /**
     * The seeded community: 4 reports — the first accepted and past its resolution deadline, the next two waiting for
     * acceptance, the last resolved and waiting for its rating — and one service record waiting for review.
     */
    record Seeded(TestTree tree, HttpTestClient admin, AccountFixture accounts, List<String> codes) {
    }

    Seeded seed() {
        HttpTestClient admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        AccountFixture accounts = new AccountFixture(port, admin);
        List<Long> ids = new java.util.ArrayList<>();
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var reported = admin.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                    "{\"category\":\"NOISE\",\"description\":\"" + (i == 0 ? "=1+1 " : "") + "工作台" + i
                            + "\",\"gridCode\":\"" + tree.micro().code()
                            + "\"}");
            assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
            ids.add(reported.json().path("incident").path("id").asLong());
            codes.add(reported.json().path("incident").path("trackingCode").asString());
        }
        // (past a resolution deadline only reminds; past a response deadline would escalate within the minute)
        move(admin, ids.get(0), "accept", "{}");
        jdbc.update("update incident set resolve_due_at = now() - interval '2 hours' where id = ?", ids.get(0));
        move(admin, ids.get(3), "accept", "{}");
        move(admin, ids.get(3), "resolve", "{\"note\":\"已处理\"}");
        HttpTestClient worker = accounts.staff("GRID_WORKER", tree.micro().id());
        var service = worker.header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/points/service-records", "{\"typeCode\":\"HOME_VISIT\",\"description\":\"走访独居老人\","
                    + "\"gridCode\":\"" + tree.micro().code() + "\"}");
        assertThat(service.status()).as(service.toString()).isEqualTo(201);
        return new Seeded(tree, admin, accounts, codes);
    }

    private static void move(HttpTestClient admin, long id, String move, String body) {
        String path = "/api/v1/incidents/" + id;
        var moved = admin.header("If-Match", admin.get(path).header("ETag")).post(path + "/" + move, body);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    }

    @Test
    void a_community_worker_sees_the_communitys_to_dos_each_opening_exactly_its_list_and_the_overdue_incidents()
            throws Exception {
        Seeded seeded = seed();
        String username = seeded.accounts().account("COMMUNITY_WORKER",
                ",\"scopeNodeId\":" + seeded.tree().community().id());

        try (Browser browser = Browser.open(port)) {
            browser.login(username, AccountFixture.PASSWORD).get("/?lang=en");

            assertThat(count(browser, "acceptance")).isEqualTo(2);
            assertThat(count(browser, "overdue")).isEqualTo(1);
            assertThat(count(browser, "review")).isEqualTo(1);
            assertThat(count(browser, "rating")).isEqualTo(1);
            assertThat(browser.texts(By.cssSelector("#overdue-list tbody tr .tracking")))
                .containsExactly(seeded.codes().get(0));
            assertThat(browser.find(By.id("overdue-all")).getText()).contains("1");
            // this month's figures are drawn
            assertThat(browser.find(By.id("month-received")).getText()).isEqualTo("4");
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#home-chart-daily canvas")));

            // each count opens the list of exactly that work
            open(browser, "todo-acceptance");
            assertThat(browser.texts(By.cssSelector("#incidents tbody .tracking")))
                .containsExactlyInAnyOrder(seeded.codes().get(1), seeded.codes().get(2));
            browser.get("/?lang=en");
            open(browser, "todo-overdue");
            assertThat(browser.texts(By.cssSelector("#incidents tbody .tracking"))).containsExactly(seeded.codes().get(0));
            // the list's export: exactly its rows, with the console's session, a formula-like description neutralised
            HttpResponse<String> csv = ConsoleListsAndDownloadsBrowserIT.download(browser,
                    browser.find(By.id("export-csv")).getAttribute("href"));
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body()).startsWith("\uFEFFtrackingCode,");
            assertThat(csv.body().lines().skip(1).toList()).singleElement().asString()
                .startsWith(seeded.codes().get(0)).contains(",'=1+1 工作台0,");
            browser.get("/?lang=en");
            open(browser, "todo-rating");
            assertThat(browser.texts(By.cssSelector("#incidents tbody .tracking"))).containsExactly(seeded.codes().get(3));
            browser.get("/?lang=en");
            open(browser, "todo-review");
            assertThat(browser.findAll(By.cssSelector("#review-records tbody tr"))).hasSize(1);
        }
    }

    @Test
    void a_street_officer_sees_the_communities_side_by_side_against_the_90_percent_line() {
        Seeded seeded = seed();
        // a second community of the street, with nothing reported yet
        JsonNode street = seeded.admin().get("/api/v1/grids/" + seeded.tree().street().id()).json();
        JsonNode quiet = new GridTreeFixture(seeded.admin()).create("COMMUNITY", street, null);
        String username = seeded.accounts().account("STREET_OFFICER",
                ",\"scopeNodeId\":" + seeded.tree().street().id());

        try (Browser browser = Browser.open(port)) {
            browser.viewport(1280, 1400);
            browser.login(username, AccountFixture.PASSWORD).get("/?lang=en");

            assertThat(count(browser, "overdue")).isEqualTo(1);
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#home-chart-children canvas")));
            assertThat(browser.find(By.id("home-children")).getText())
                .contains(quiet.path("name").asString());
            assertThat(browser.findAll(By.cssSelector("#home-children tbody tr"))).hasSize(2);
            // the chart has one bar per community and the target line at 90 %
            Object target = browser.script("var c = echarts.getInstanceByDom(document.getElementById("
                    + "'home-chart-children')).getOption(); return [c.xAxis[0].data.length, "
                    + "c.series[0].markLine.data[0].yAxis];");
            assertThat((List<?>) target).extracting(v -> ((Number) v).intValue()).containsExactly(2, 90);
            browser.waitUntil(d -> browser.script("return document.querySelector('#home-chart-daily canvas') "
                    + "!== null") == Boolean.TRUE);
            Object days = browser.script("var c = echarts.getInstanceByDom(document.getElementById("
                    + "'home-chart-daily')).getOption(); return c.xAxis[0].data[c.xAxis[0].data.length - 1];");
            assertThat(days).isEqualTo(java.time.LocalDate.now(ConsoleTimes.ZONE).toString().substring(5));
            browser.screenshot(DOCS_SCREENSHOTS.resolve("home-dashboard.png"));
        }
    }

    private static long count(Browser browser, String key) {
        return Long.parseLong(browser.waitForVisible(By.cssSelector("#todo-" + key + " .value")).getText());
    }

    private static void open(Browser browser, String id) {
        WebElement html = browser.find(By.tagName("html"));
        browser.waitForClickable(By.id(id)).click();
        browser.waitUntilGone(html);
        browser.waitForVisible(By.tagName("main"));
    }
}
