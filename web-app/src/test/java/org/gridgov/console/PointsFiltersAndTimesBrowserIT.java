package org.gridgov.console;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review and ledger filters work under the page's CSP (no inline handler: picking a state reloads the list), and
 * points history and ledger show times in China Standard Time like the rest of the console, whatever the server's
 * zone.
 */
@PlatformTest
class PointsFiltersAndTimesBrowserIT {

    static final String PASSWORD = "points-filter-1";

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    HttpTestClient admin;

    @Test
    void picking_a_state_or_an_account_kind_filters_the_list_and_times_are_shown_in_shanghai_time() {
        admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        String workerName = "过滤" + Unique.next();
        String gridWorker = account("GRID_WORKER", workerName, ",\"scopeNodeId\":" + tree.general().id());
        String communityWorker = account("COMMUNITY_WORKER", "社区", ",\"scopeNodeId\":" + tree.community().id());

        try (Browser browser = Browser.open(port)) {
            browser.login(gridWorker, PASSWORD).get("/points?lang=en");
            new Select(browser.waitForVisible(By.id("record-type"))).selectByValue("GAS_CHECK");
            browser.find(By.id("record-description")).sendKeys("Checked the gas meters");
            submit(browser, browser.find(By.id("record-submit")));
        }

        Instant approvedAround;
        try (Browser browser = Browser.open(port)) {
            browser.login(communityWorker, PASSWORD).get("/points/review?lang=en");
            submit(browser, browser.waitForClickable(By.cssSelector("#review-records button.approve")));
            approvedAround = Instant.now();
            // the state filter: picking APPROVED reloads the list (a CSP-blocked inline onchange did nothing)
            WebElement html = browser.find(By.tagName("html"));
            new Select(browser.waitForVisible(By.id("filter-state"))).selectByValue("APPROVED");
            browser.waitUntilGone(html);
            browser.waitForVisible(By.tagName("main"));
            assertThat(browser.currentPath()).contains("state=APPROVED");
            assertThat(new Select(browser.find(By.id("filter-state"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("APPROVED");
            assertThat(browser.texts(By.cssSelector("#review-records td.state"))).isNotEmpty()
                .containsOnly("approved");

        }

        // the ledger (the administrator sees person accounts): the kind filter, then the worker's account, page by
        // page through the accounts; its line's time is Shanghai time
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/points/ledger?lang=en");
            WebElement html = browser.find(By.tagName("html"));
            new Select(browser.waitForVisible(By.id("filter-kind"))).selectByValue("PERSON");
            browser.waitUntilGone(html);
            browser.waitForVisible(By.tagName("main"));
            assertThat(browser.currentPath()).contains("kind=PERSON");
            assertThat(browser.texts(By.cssSelector("#accounts tbody td:nth-child(2)"))).isNotEmpty()
                .allSatisfy(kind -> assertThat(kind).startsWith("person"));
            WebElement row = null;
            for (int page = 0; page < 100 && row == null; page++) {
                row = browser.findAll(By.cssSelector("#accounts tbody tr")).stream()
                    .filter(r -> r.getText().contains(workerName) || r.getText().contains(gridWorker)).findFirst()
                    .orElse(null);
                if (row == null) {
                    submit(browser, browser.find(By.cssSelector("#accountPage-pager a.pager-next")));
                }
            }
            assertThat(row).as("the worker's account on one of the ledger's pages").isNotNull();
            submit(browser, row.findElement(By.tagName("a")));
            String ledgerTime = browser.waitForVisible(By.cssSelector("#ledger-lines tbody td")).getText();
            assertShanghaiTime(ledgerTime.substring(0, 16), approvedAround);
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(gridWorker, PASSWORD).get("/points?lang=en");
            String historyTime = browser.waitForVisible(By.cssSelector("#my-history tbody td")).getText();
            assertShanghaiTime(historyTime, approvedAround);
        }
    }

    @Test
    void this_weeks_service_records_are_picked_by_date_and_approved_in_one_batch_showing_workers_by_name() {
        admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        String workerName = "批量" + Unique.next();
        String gridWorker = account("GRID_WORKER", workerName, ",\"scopeNodeId\":" + tree.general().id());
        String communityWorker = account("COMMUNITY_WORKER", "社区", ",\"scopeNodeId\":" + tree.community().id());
        HttpTestClient worker = AccountFixture.login(port, gridWorker, PASSWORD);
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (int i = 0; i < 3; i++) {
            // seconds apart, not minutes: minutes put one of them into last week when run just after Monday 00:00
            record(worker, "this week " + i, Instant.now().minusSeconds(i));
        }
        // performed before this week: not in this week's batch
        Instant earlier = monday.minusDays(3).atTime(10, 0).atZone(SHANGHAI).toInstant();
        record(worker, "last week", earlier);

        try (Browser browser = Browser.open(port)) {
            browser.login(communityWorker, PASSWORD).get("/points/review?lang=en");
            assertThat(browser.waitForVisible(By.id("review-records")).findElements(By.cssSelector("tbody tr")))
                .hasSize(4);
            // workers by their display name, never by login
            assertThat(browser.texts(By.cssSelector("#review-records td.worker"))).containsOnly(workerName);
            assertThat(browser.find(By.id("review-records")).getText()).doesNotContain(gridWorker);
            // the date column and this week's records
            assertThat(browser.texts(By.cssSelector("#review-records td.performed")))
                .contains(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SHANGHAI).format(earlier));
            click(browser, By.id("this-week"));
            assertThat(browser.find(By.id("filter-from")).getAttribute("value")).isEqualTo(monday.toString());
            assertThat(browser.find(By.id("filter-to")).getAttribute("value")).isEqualTo(monday.plusDays(6).toString());
            assertThat(browser.findAll(By.cssSelector("#review-records tbody tr"))).hasSize(3);
            assertThat(browser.find(By.id("review-records")).getText()).doesNotContain("last week");

            // select all, approve in one batch
            browser.find(By.id("select-all")).click();
            assertThat(browser.findAll(By.cssSelector("input.batch-ids")))
                .allSatisfy(box -> assertThat(box.isSelected()).isTrue());
            click(browser, By.id("batch-approve"));
            assertThat(browser.find(By.id("batch-result")).getText()).isEqualTo("3 done, 0 failed.");
            // back on this week's queue: nothing left of it; last week's record still waits
            assertThat(browser.currentPath()).contains("period=week");
            assertThat(browser.findAll(By.id("review-empty"))).isNotEmpty();
            browser.get("/points/review?lang=en");
            assertThat(browser.texts(By.cssSelector("#review-records td.state"))).containsExactly("waiting for review");

            // a batch rejection needs a reason
            browser.find(By.cssSelector("input.batch-ids")).click();
            click(browser, By.id("batch-reject"));
            assertThat(browser.find(By.id("flash-error")).getText()).isEqualTo("Rejecting in a batch needs a reason.");
            browser.find(By.cssSelector("input.batch-ids")).click();
            browser.find(By.id("batch-reason")).sendKeys("not a service of this programme");
            click(browser, By.id("batch-reject"));
            assertThat(browser.find(By.id("batch-result")).getText()).isEqualTo("1 done, 0 failed.");
        }
    }

    private static void record(HttpTestClient worker, String description, Instant performedAt) {
        var created = worker.post("/api/v1/points/service-records", "{\"typeCode\":\"GAS_CHECK\",\"description\":\""
                + description + "\",\"performedAt\":\"" + performedAt + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private static void click(Browser browser, By locator) {
        submit(browser, browser.waitForClickable(locator));
    }

    /** {@code shown} (yyyy-MM-dd HH:mm) is {@code around} in Shanghai, give or take two minutes. */
    private static void assertShanghaiTime(String shown, Instant around) {
        DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(SHANGHAI);
        assertThat(shown).isIn(minutes.format(around.minusSeconds(120)), minutes.format(around.minusSeconds(60)),
                minutes.format(around), minutes.format(around.plusSeconds(60)));
    }

    private static void submit(Browser browser, WebElement button) {
        WebElement html = browser.find(By.tagName("html"));
        button.click();
        browser.waitUntilGone(html);
        browser.waitForVisible(By.tagName("main"));
    }

    private String account(String role, String displayName, String binding) {
        String username = Unique.code("pft" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\""
                + displayName + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
