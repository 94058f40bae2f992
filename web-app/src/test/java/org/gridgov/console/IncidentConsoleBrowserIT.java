package org.gridgov.console;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
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
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The closed loop of 随手报 driven through the console pages, each role in its own browser. */
@PlatformTest
class IncidentConsoleBrowserIT {

    static final String PASSWORD = "incident-console-1";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    HttpTestClient admin;
    double lng;
    double lat;
    long department;
    String departmentName;
    String resident;
    String gridWorker;
    String communityWorker;
    String streetOfficer;
    String departmentStaff;

    /** A district → street → community → general → micro grid tree with a worker, a department and accounts. */
    @BeforeEach
    void setUpTreeAndAccounts() {
        admin = ApiLogin.admin(port);
        double[] cell = TestAreas.small();
        lng = cell[0] + 0.01;
        lat = cell[1] + 0.01;
        JsonNode district = grid("DISTRICT", null, 0.04);
        JsonNode street = grid("STREET", district, 0.03);
        JsonNode community = grid("COMMUNITY", street, 0.02);
        JsonNode general = grid("GENERAL_GRID", community, 0.01);
        JsonNode micro = grid("MICRO_GRID", general, 0.005);
        assertThat(admin.post("/api/v1/grids/" + micro.path("id").asLong() + "/staff",
                "{\"personName\":\"王建国\",\"role\":\"MICRO_GRID_WORKER\",\"primaryWorker\":true}").status())
            .isEqualTo(201);
        departmentName = "燃气站" + Unique.next();
        var created = admin.post("/api/v1/departments", "{\"code\":\"" + Unique.code("GAS") + "\",\"name\":\""
                + departmentName + "\",\"kind\":\"GAS\",\"nodeId\":" + street.path("id").asLong() + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        department = created.json().path("id").asLong();
        resident = account("RESIDENT", "");
        gridWorker = account("GRID_WORKER", ",\"scopeNodeId\":" + micro.path("id").asLong());
        communityWorker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + community.path("id").asLong());
        streetOfficer = account("STREET_OFFICER", ",\"scopeNodeId\":" + street.path("id").asLong());
        departmentStaff = account("DEPARTMENT_STAFF", ",\"departmentId\":" + department);
    }

    @Test
    void a_report_travels_from_resident_to_grid_community_street_and_department_and_is_closed_by_the_rating() {
        long id;
        String trackingCode;
        try (Browser browser = Browser.open(port)) {
            browser.login(resident, PASSWORD);
            id = report(browser, "BUILDING_SAFETY", "空置房屋外墙出现裂缝");
            trackingCode = browser.find(By.id("tracking-code")).getText();
            assertThat(trackingCode).startsWith("SS");
            assertThat(state(browser)).isEqualTo("SUBMITTED");
            assertThat(browser.find(By.id("flash-message")).getText()).contains("tracking code");
            assertThat(browser.find(By.id("incident-assignee")).getText()).isEqualTo("王建国");
            assertThat(browser.findAll(By.cssSelector(".move-form"))).isEmpty();
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(gridWorker, PASSWORD).get("/incidents?queue=true&lang=en");
            browser.waitForVisible(By.id("queue-toggle"));
            assertThat(browser.find(By.id("queue-toggle")).isSelected()).isTrue();
            browser.find(By.linkText(trackingCode)).click();
            browser.waitForVisible(By.id("incident-state"));
            assertThat(browser.currentPath()).startsWith("/incidents/" + id);

            submit(browser, "move-accept", null, null);
            assertThat(state(browser)).isEqualTo("ACCEPTED");
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("Accepted.");

            submit(browser, "move-escalate", "reason", "需要房屋安全鉴定");
            assertThat(state(browser)).isEqualTo("ESCALATED");
            // held above the grid worker's level now: no more actions for them
            assertThat(browser.findAll(By.id("move-accept"))).isEmpty();
            assertThat(browser.findAll(By.id("move-escalate"))).isEmpty();
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(communityWorker, PASSWORD).get("/incidents/" + id + "?lang=en");
            submit(browser, "move-escalate", "reason", "超出网格处置能力");
            submit(browser, "move-escalate", "reason", "需多部门处置");
            assertThat(state(browser)).isEqualTo("ESCALATED");
            assertThat(browser.find(By.id("incident-holder")).getText()).isEqualTo("事件测试街道");
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(streetOfficer, PASSWORD).get("/incidents/" + id + "?lang=en");
            browser.waitForClickable(By.cssSelector("#whistle-section summary")).click();
            browser.waitForClickable(By.cssSelector("#move-whistle input[name=departmentIds][value='" + department
                    + "']")).click();
            browser.find(By.cssSelector("#move-whistle button[type=submit]")).click();
            browser.waitForVisible(By.id("flash-message"));
            assertThat(state(browser)).isEqualTo("WHISTLED");
            assertThat(browser.texts(By.cssSelector("#summons td.department"))).containsExactly(departmentName);
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(departmentStaff, PASSWORD).get("/incidents?queue=true&lang=en");
            browser.waitForVisible(By.linkText(trackingCode)).click();
            submit(browser, "move-check-in", "note", "已到场");
            assertThat(browser.find(By.cssSelector("#summons td.checked-in")).getText()).contains(departmentStaff);
            submit(browser, "move-report", "report", "已加固并设置警示标志");
            assertThat(browser.find(By.cssSelector("#summons td.report")).getText()).isEqualTo("已加固并设置警示标志");
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(streetOfficer, PASSWORD).get("/incidents/" + id + "?lang=en");
            browser.waitForVisible(By.id("move-resolve"));
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "document.getElementById('incident-actions').scrollIntoView();");
            browser.screenshot(SCREENSHOTS.resolve("incident-detail-street-en.png"));
            submit(browser, "move-resolve", "note", "已修缮");
            assertThat(state(browser)).isEqualTo("RESOLVED");
            assertThat(browser.findAll(By.id("move-rate"))).as("only the reporter rates").isEmpty();
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(resident, PASSWORD).get("/incidents/" + id + "?lang=en");
            browser.waitForClickable(By.cssSelector("#move-rate label[for='stars-5']")).click();
            browser.find(By.cssSelector("#move-rate input[name=comment]")).sendKeys("很及时");
            browser.find(By.cssSelector("#move-rate button[type=submit]")).click();
            browser.waitForVisible(By.id("flash-message"));

            assertThat(state(browser)).isEqualTo("CLOSED");
            assertThat(browser.find(By.id("incident-rating")).getText()).contains("★★★★★").contains("很及时");
            assertThat(browser.findAll(By.cssSelector("#timeline li")).stream()
                .map(li -> li.getDomAttribute("data-action")).toList()).containsExactly("REPORTED", "ACCEPT",
                        "ESCALATE", "ESCALATE", "ESCALATE", "WHISTLE", "CHECK_IN", "REPORT_ACTION", "RESOLVE", "RATE");
            assertThat(browser.texts(By.cssSelector("#timeline .action"))).contains("Whistle blown",
                    "Department checked in", "Rated");
            browser.screenshot(SCREENSHOTS.resolve("incident-detail-closed-en.png"));
        }
    }

    @Test
    void html_in_a_description_is_shown_as_text_and_never_runs() {
        String description = "<script>alert('x')</script><b>燃气味</b>";
        try (Browser browser = Browser.open(port)) {
            browser.login(resident, PASSWORD);
            report(browser, "GAS_HAZARD", description);

            assertThat(browser.find(By.id("incident-description")).getText()).isEqualTo(description);
            assertThat(browser.driver().getPageSource()).contains("&lt;script&gt;");
            assertThat(browser.findAll(By.cssSelector("#incident-description b"))).isEmpty();
            assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        }
    }

    @Test
    void submitting_the_same_report_form_twice_reports_once() {
        try (Browser browser = Browser.open(port)) {
            browser.login(resident, PASSWORD).get("/incidents/new?lang=en");
            WebElement form = browser.waitForVisible(By.id("report-form"));
            String key = form.findElement(By.name("idempotencyKey")).getDomAttribute("value");
            fill(browser, "NOISE", "夜间施工噪音");
            browser.find(By.id("report-submit")).click();
            browser.waitForVisible(By.id("tracking-code"));
            String code = browser.find(By.id("tracking-code")).getText();

            browser.get("/incidents/new?lang=en");
            browser.waitForVisible(By.id("report-form"));
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "document.querySelector('#report-form input[name=idempotencyKey]').value = arguments[0];", key);
            fill(browser, "NOISE", "夜间施工噪音");
            browser.find(By.id("report-submit")).click();
            browser.waitForVisible(By.id("tracking-code"));

            assertThat(browser.find(By.id("tracking-code")).getText()).isEqualTo(code);
            browser.get("/incidents?lang=en&category=NOISE");
            assertThat(browser.texts(By.cssSelector("#incidents a.tracking"))).containsExactly(code);
        }
    }

    /** Fills and sends the report form as the logged-in user; answers the new incident's id. */
    private long report(Browser browser, String category, String description) {
        browser.get("/incidents/new?lang=en");
        browser.waitForVisible(By.id("report-form"));
        fill(browser, category, description);
        browser.find(By.id("report-submit")).click();
        browser.waitForVisible(By.id("tracking-code"));
        String path = browser.currentPath();
        return Long.parseLong(path.replaceAll("^/incidents/(\\d+).*$", "$1"));
    }

    private void fill(Browser browser, String category, String description) {
        new Select(browser.find(By.id("report-category"))).selectByValue(category);
        browser.find(By.id("report-description")).sendKeys(description);
        browser.find(By.id("report-lat")).sendKeys(String.format(Locale.ROOT, "%.4f", lat + 0.002));
        browser.find(By.id("report-lng")).sendKeys(String.format(Locale.ROOT, "%.4f", lng + 0.002));
    }

    /** Fills one field (if named) of a move's form, sends it, and waits for the page it redirects to. */
    private static void submit(Browser browser, String formId, String field, String value) {
        WebElement form = browser.waitForVisible(By.id(formId));
        if (field != null) {
            form.findElement(By.name(field)).sendKeys(value);
        }
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitUntilGone(form);
        browser.waitUntil(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.id("flash-message")),
                ExpectedConditions.visibilityOfElementLocated(By.id("flash-error"))));
    }

    private static String state(Browser browser) {
        return browser.waitForVisible(By.id("incident-state")).getDomAttribute("data-state");
    }

    private JsonNode grid(String type, JsonNode parent, double side) {
        String boundary = String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}", lng, lat,
                lng + side, lat, lng + side, lat + side, lng, lat + side, lng, lat);
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type, parent == null ? null : parent.path("code").asString()) + "\"name\":\"事件测试" + GridNames.inWords(type)
                + "\",\"type\":\"" + type + "\"" + (parent == null ? "" : ",\"parentCode\":\""
                        + parent.path("code").asString() + "\"") + ",\"boundary\":" + boundary + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String account(String role, String binding) {
        String username = Unique.code("ic" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
