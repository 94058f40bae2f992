package org.gridgov.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestAreas;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A community's working day with incidents in the console (issue 19): a phoned-in report recorded for its caller and
 * routed to the grid worker; every overdue incident of the community found and supervised from the list; the map with
 * the grid boundaries and counts on the clusters, following its filters; an administrator binding an account to a
 * grid picked by name.
 */
@PlatformTest
class IncidentConsoleWorkdayBrowserIT {

    static final String PASSWORD = "incident-workday-1";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient admin;
    double lng;
    double lat;
    String communityName;
    JsonNode community;
    JsonNode micro;
    String resident;
    String gridWorker;
    String communityWorker;

    /** A district → street → community → general → micro grid tree with its worker 王建国 and accounts. */
    @BeforeEach
    void setUpTreeAndAccounts() {
        admin = ApiLogin.admin(port);
        double[] cell = TestAreas.small();
        lng = cell[0] + 0.01;
        lat = cell[1] + 0.01;
        communityName = "幸福里社区" + Unique.next();
        JsonNode district = grid("DISTRICT", "工作日区", null, 0.04);
        JsonNode street = grid("STREET", "工作日街道", district, 0.03);
        community = grid("COMMUNITY", communityName, street, 0.02);
        JsonNode general = grid("GENERAL_GRID", "幸福里第一网格", community, 0.01);
        micro = grid("MICRO_GRID", "幸福里3栋微网格", general, 0.005);
        assertThat(admin.post("/api/v1/grids/" + micro.path("id").asLong() + "/staff",
                "{\"personName\":\"王建国\",\"role\":\"MICRO_GRID_WORKER\",\"primaryWorker\":true}").status())
            .isEqualTo(201);
        resident = account("RESIDENT", "");
        gridWorker = account("GRID_WORKER", ",\"scopeNodeId\":" + micro.path("id").asLong());
        communityWorker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + community.path("id").asLong());
    }

    @Test
    void a_community_worker_records_a_phoned_in_report_for_its_caller_and_sees_who_got_it() {
        try (Browser browser = Browser.open(port)) {
            browser.login(communityWorker, PASSWORD).get("/incidents/new?lang=en");
            browser.waitForVisible(By.id("report-form"));
            new Select(browser.find(By.id("report-source"))).selectByValue("PHONE");
            browser.find(By.id("report-caller-name")).sendKeys("李明");
            browser.find(By.id("report-caller-phone")).sendKeys("13800138000");
            fill(browser, "ENVIRONMENT", "居民来电：3栋楼下垃圾堆放多日");
            browser.find(By.id("report-submit")).click();
            browser.waitForVisible(By.id("tracking-code"));
            long id = Long.parseLong(browser.currentPath().replaceAll("^/incidents/(\\d+).*$", "$1"));

            // who got it: the micro grid's worker, told at once
            assertThat(browser.find(By.id("routed-to")).getText()).contains("王建国", "幸福里3栋微网格");
            assertThat(jdbc.queryForObject("select assignee_name from incident where id = ?", String.class, id))
                .isEqualTo("王建国");
            // the source in words, the caller masked — the full phone is nowhere on the page
            assertThat(browser.find(By.id("incident-details")).getText()).contains("Phone call");
            assertThat(browser.find(By.id("caller-name")).getText()).isEqualTo("李*");
            assertThat(browser.find(By.id("caller-phone")).getText()).isEqualTo("138****8000");
            assertThat(browser.driver().getPageSource()).doesNotContain("13800138000");
            // kept encrypted at rest
            assertThat(jdbc.queryForObject("select count(*) from incident_contact where incident_id = ? "
                    + "and position(convert_to('13800138000', 'UTF8') in phone_enc) = 0", Long.class, id)).isOne();

            // the full phone, for the call-back: with a reason, audited
            browser.find(By.cssSelector("#caller-reveal summary")).click();
            new Select(browser.waitForVisible(By.id("reveal-field"))).selectByValue("PHONE");
            browser.find(By.id("reveal-reason")).sendKeys("call back the caller");
            browser.find(By.id("reveal-submit")).click();
            assertThat(browser.waitForVisible(By.id("revealed-value")).getText()).isEqualTo("13800138000");
            assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'PERSONAL_DATA_REVEALED' "
                    + "and actor = ? and detail like '%call back the caller'", Long.class, communityWorker)).isOne();

            browser.get("/incidents/" + id + "?lang=zh-CN");
            assertThat(browser.waitForVisible(By.id("incident-details")).getText()).contains("电话");
            browser.screenshot(SCREENSHOTS.resolve("incident-phoned-in-zh.png"));
        }
    }

    @Test
    void a_community_worker_finds_every_overdue_incident_of_the_community_and_supervises_them_from_the_list() {
        String first = overdueIncident("NOISE", "夜间施工噪音");
        String second = overdueIncident("PUBLIC_FACILITY", "路灯不亮");
        String onTime = acceptedIncident("OTHER", "楼道堆物").path("trackingCode").asString();

        try (Browser browser = Browser.open(port)) {
            browser.login(communityWorker, PASSWORD).get("/incidents?lang=en");
            browser.waitForVisible(By.id("incident-filters"));
            browser.find(By.id("overdue-toggle")).click();
            browser.find(By.id("mine-toggle")).click();
            WebElement filter = browser.find(By.cssSelector("#incident-filters button[type=submit]"));
            filter.click();
            browser.waitUntilGone(filter);
            assertThat(browser.waitForVisible(By.id("incidents")).isDisplayed()).isTrue();
            assertThat(browser.currentPath()).contains("overdue=true").contains("mine=true");
            assertThat(browser.texts(By.cssSelector("#incidents a.tracking"))).containsExactlyInAnyOrder(first, second)
                .doesNotContain(onTime);

            // one row's own button
            WebElement row = row(browser, first);
            row.findElement(By.cssSelector("button.row-supervise")).click();
            browser.waitUntilGone(row);
            assertThat(browser.waitForVisible(By.id("batch-result")).getText()).isEqualTo("1 supervised.");
            assertThat(browser.currentPath()).contains("overdue=true").contains("mine=true");

            // the other as a selected row of a batch
            browser.find(By.cssSelector("tr[data-tracking-code='" + second + "'] input.row-select")).click();
            browser.find(By.id("batch-note")).sendKeys("群众反映强烈");
            WebElement batch = browser.find(By.id("batch-supervise"));
            batch.click();
            browser.waitUntilGone(batch);
            assertThat(browser.waitForVisible(By.id("batch-result")).getText()).isEqualTo("1 supervised.");
            browser.screenshot(SCREENSHOTS.resolve("incident-list-supervise-en.png"));

            browser.find(By.linkText(first)).click();
            browser.waitForVisible(By.id("timeline"));
            List<WebElement> entries = browser.findAll(By.cssSelector("#timeline li[data-action='SUPERVISE']"));
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).getText()).contains("Supervised");
            assertThat(browser.findAll(By.id("move-urge"))).hasSize(1);
            assertThat(browser.findAll(By.id("move-reassign"))).hasSize(1);
        }
    }

    @Test
    void the_map_draws_the_grid_boundaries_and_counts_on_the_clusters_that_follow_the_filters() {
        overdueIncident("NOISE", "广场舞噪音");
        acceptedIncident("NOISE", "装修噪音");
        acceptedIncident("ENVIRONMENT", "垃圾未清运");

        try (Browser browser = Browser.open(port)) {
            browser.login(communityWorker, PASSWORD).get("/incidents/map?lang=en");
            WebElement map = ready(browser);
            assertThat(Integer.parseInt(map.getDomAttribute("data-boundaries"))).as("community and its grid")
                .isGreaterThanOrEqualTo(2);
            assertThat(browser.findAll(By.cssSelector("#incident-map path.leaflet-interactive, #incident-map path")))
                .hasSizeGreaterThanOrEqualTo(2);
            assertThat(counts(browser)).isEqualTo(3);
            assertThat(browser.find(By.id("map-count")).getText()).isEqualTo("3 open, 1 overdue");
            browser.screenshot(SCREENSHOTS.resolve("incident-map-en.png"));

            new Select(browser.find(By.id("map-category"))).selectByValue("NOISE");
            WebElement submit = browser.find(By.id("map-filter-submit"));
            submit.click();
            browser.waitUntilGone(submit);
            ready(browser);
            assertThat(counts(browser)).isEqualTo(2);

            browser.find(By.id("map-overdue")).click();
            submit = browser.find(By.id("map-filter-submit"));
            submit.click();
            browser.waitUntilGone(submit);
            ready(browser);
            assertThat(counts(browser)).isEqualTo(1);
            assertThat(browser.find(By.id("map-count")).getText()).isEqualTo("1 open, 1 overdue");
            assertThat(browser.find(By.cssSelector(".incident-cluster-label.has-overdue")).isDisplayed()).isTrue();
        }
    }

    @Test
    void an_administrator_assigns_a_role_by_picking_the_grid_by_name() {
        String clerk = account("RESIDENT", "");
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/admin/users?lang=en&q=" + clerk);
            WebElement row = browser.waitForVisible(By.cssSelector("tr[data-username='" + clerk + "']"));
            WebElement assign = row.findElement(By.cssSelector("form.assign button[type=submit]"));
            // the button sits on one line (it used to wrap a character per line)
            assertThat(assign.getSize().getWidth()).isGreaterThan(assign.getSize().getHeight());
            assertThat(assign.getSize().getHeight()).isLessThan(40);

            new Select(row.findElement(By.name("role"))).selectByValue("COMMUNITY_WORKER");
            row.findElement(By.cssSelector("input.node-search")).sendKeys(communityName);
            WebElement choice = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//tr[@data-username='" + clerk + "']//button[contains(@class,'node-choice') and contains(., '"
                            + communityName + "')]")));
            assertThat(choice.getText()).contains("工作日区", "工作日街道", communityName);
            choice.click();
            assertThat(row.findElement(By.cssSelector("input[type=hidden][name=scopeNodeId]")).getDomProperty("value"))
                .isEqualTo(community.path("id").asString());
            assign.click();
            browser.waitUntilGone(assign);
            browser.waitForVisible(By.id("flash-message"));

            assertThat(jdbc.queryForObject("select scope_node_id from account where username = ?", Long.class, clerk))
                .isEqualTo(community.path("id").asLong());
            assertThat(jdbc.queryForObject("select role from account where username = ?", String.class, clerk))
                .isEqualTo("COMMUNITY_WORKER");
            assertThat(browser.find(By.cssSelector("tr[data-username='" + clerk + "'] a.scope-node")).getText())
                .endsWith(communityName);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Waits until the map has drawn its boundaries and clusters. */
    private static WebElement ready(Browser browser) {
        browser.waitUntil(ExpectedConditions.attributeToBe(By.id("incident-map"), "data-state", "ready"));
        return browser.find(By.id("incident-map"));
    }

    /** The incidents the clusters on the map say they hold, read from their visible labels. */
    private static int counts(Browser browser) {
        return browser.texts(By.cssSelector("#incident-map .incident-cluster-count")).stream()
            .mapToInt(Integer::parseInt).sum();
    }

    private static WebElement row(Browser browser, String trackingCode) {
        return browser.find(By.cssSelector("tr[data-tracking-code='" + trackingCode + "']"));
    }

    /** A report of a resident's, accepted by the grid worker: answers the incident. */
    private JsonNode acceptedIncident(String category, String description) {
        var reported = ApiLogin.as(port, resident, PASSWORD).header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/incidents", String.format(Locale.ROOT, "{\"category\":\"%s\",\"description\":\"%s\","
                    + "\"lat\":%.5f,\"lng\":%.5f}", category, description, lat + 0.002, lng + 0.002));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        JsonNode incident = reported.json().path("incident");
        var accepted = ApiLogin.as(port, gridWorker, PASSWORD)
            .header("If-Match", "\"" + incident.path("version").asLong() + "\"")
            .post("/api/v1/incidents/" + incident.path("id").asLong() + "/accept", "{}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return incident;
    }

    /** An accepted incident whose resolution deadline has passed (it reminds, so it stays with its grid). */
    private String overdueIncident(String category, String description) {
        JsonNode incident = acceptedIncident(category, description);
        jdbc.update("update incident set resolve_due_at = now() - interval '1 hour' where id = ?",
                incident.path("id").asLong());
        return incident.path("trackingCode").asString();
    }

    private void fill(Browser browser, String category, String description) {
        new Select(browser.find(By.id("report-category"))).selectByValue(category);
        browser.find(By.id("report-description")).sendKeys(description);
        browser.find(By.id("report-lat")).sendKeys(String.format(Locale.ROOT, "%.4f", lat + 0.002));
        browser.find(By.id("report-lng")).sendKeys(String.format(Locale.ROOT, "%.4f", lng + 0.002));
    }

    private JsonNode grid(String type, String name, JsonNode parent, double side) {
        String boundary = String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}", lng, lat,
                lng + side, lat, lng + side, lat + side, lng, lat + side, lng, lat);
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type,
                parent == null ? null : parent.path("code").asString()) + "\"name\":\"" + name + "\",\"type\":\""
                + type + "\"" + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"")
                + ",\"boundary\":" + boundary + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String account(String role, String binding) {
        String username = Unique.code("wd" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
