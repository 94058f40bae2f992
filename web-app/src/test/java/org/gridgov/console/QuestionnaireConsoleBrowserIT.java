package org.gridgov.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
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
 * A questionnaire's whole life in the browser: the community worker writes it in the console (a single choice, a
 * scale and a free text question for the people of the community, anonymous, open from today); a resident of the
 * community answers it on the phone page at 390 px; the worker sees the answer drawn by ECharts and exports the
 * results as CSV and .xlsx through the console session — the free text without the respondent.
 */
@PlatformTest
class QuestionnaireConsoleBrowserIT {

    static final String PASSWORD = "questionnaire-console-1";

    @LocalServerPort
    int port;

    HttpTestClient admin;

    @Test
    void staff_create_a_questionnaire_a_resident_answers_it_on_the_phone_and_staff_see_the_chart_and_export_it()
            throws Exception {
        admin = ApiLogin.admin(port);
        JsonNode district = grid("DISTRICT", null);
        JsonNode street = grid("STREET", district);
        JsonNode community = grid("COMMUNITY", street);
        long communityId = community.path("id").asLong();
        String worker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + communityId);
        String resident = account("RESIDENT", ",\"scopeNodeId\":" + communityId);
        String title = "加装电梯意见征集 " + Unique.next();

        long id;
        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/participation/questionnaires?lang=en");
            browser.waitForClickable(By.id("new-questionnaire")).click();
            browser.waitForVisible(By.id("qn-title")).sendKeys(title);
            assertThat(browser.find(By.id("qn-grid")).getAttribute("value")).isEqualTo(String.valueOf(communityId));
            browser.find(By.id("qn-audience-SUBTREE")).click();
            browser.find(By.id("q0-prompt")).sendKeys("您是否支持本楼加装电梯？");
            browser.find(By.id("q0-options")).sendKeys("支持\n反对\n无所谓");
            select(browser, "q1-kind", "SCALE");
            browser.find(By.id("q1-prompt")).sendKeys("您对小区电梯的需要程度");
            select(browser, "q2-kind", "TEXT");
            browser.find(By.id("q2-prompt")).sendKeys("其他建议");
            // a question of no choice is refused with the field named, and what was typed stays on the form
            select(browser, "q3-kind", "MULTIPLE");
            browser.find(By.id("q3-prompt")).sendKeys("没有选项的题");
            submit(browser, By.id("qn-submit"));
            assertThat(browser.waitForVisible(By.id("flash-error")).getText()).containsIgnoringCase("option");
            assertThat(browser.find(By.id("qn-title")).getAttribute("value")).isEqualTo(title);
            browser.find(By.id("q3-prompt")).clear();
            submit(browser, By.id("qn-submit"));
            assertThat(browser.waitForVisible(By.id("flash-message")).getText()).isEqualTo("Questionnaire created.");
            id = Long.parseLong(browser.currentPath().replaceAll(".*/participation/questionnaires/(\\d+).*", "$1"));
            assertThat(browser.findAll(By.cssSelector("section.question"))).hasSize(3);
            assertThat(browser.find(By.id("responses")).getText()).isEqualTo("0");
        }

        try (Browser phone = Browser.open(port)) {
            phone.driver().manage().window().setSize(new Dimension(390, 844));
            phone.login(resident, PASSWORD).get("/m/participation/questionnaires?lang=en");
            phone.waitForClickable(By.xpath("//a[normalize-space()='" + title + "']")).click();
            phone.waitForVisible(By.id("questionnaire-title"));
            WebElement support = phone.find(By.xpath("//fieldset[1]//label[span[text()='支持']]"));
            assertThat(support.getSize().getHeight()).isGreaterThanOrEqualTo(44);
            support.click();
            new org.openqa.selenium.support.ui.Select(phone.find(By.cssSelector("select.scale")))
                .selectByVisibleText("4");
            phone.find(By.cssSelector("fieldset[data-kind='TEXT'] textarea")).sendKeys("希望施工期间保障出行");
            assertNoSideways(phone);
            submit(phone, By.id("answer-submit"));
            assertThat(phone.waitForVisible(By.id("flash-message")).getText()).isNotBlank();
            assertThat(phone.findAll(By.id("flash-error"))).isEmpty();
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/participation/questionnaires/" + id + "?lang=en");
            assertThat(browser.waitForVisible(By.id("responses")).getText()).isEqualTo("1");
            // ECharts drew the choice and the scale question into their boxes (a canvas each), from the counts
            browser.waitUntil(d -> d.findElements(By.cssSelector(".q-chart canvas")).size() == 2);
            assertThat(browser.findAll(By.cssSelector(".q-chart[data-rendered='true']"))).hasSize(2);
            assertThat(browser.find(By.cssSelector(".q-chart")).getAttribute("data-series")).contains("\"counts\":[1,0,0]");
            assertThat(browser.texts(By.cssSelector("ul.texts li"))).containsExactly("希望施工期间保障出行");
            assertThat(browser.findAll(By.cssSelector("ul.texts .respondent"))).isEmpty();

            HttpResponse<byte[]> csv = download(browser, browser.find(By.id("export-csv")).getAttribute("href"));
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            String text = new String(csv.body(), StandardCharsets.UTF_8);
            assertThat(text).contains("支持").contains("希望施工期间保障出行").doesNotContain(resident);
            HttpResponse<byte[]> xlsx = download(browser, browser.find(By.id("export-xlsx")).getAttribute("href"));
            assertThat(xlsx.statusCode()).isEqualTo(200);
            assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).endsWith(".xlsx\"");
            // an .xlsx is a zip: PK\3\4
            assertThat(xlsx.body()).startsWith(0x50, 0x4B, 0x03, 0x04);
        }
    }

    /** GETs {@code url} as the browser's download would: with the browser's session cookie only. */
    private static HttpResponse<byte[]> download(Browser browser, String url) throws Exception {
        String cookies = browser.driver().manage().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Cookie", cookies).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void select(Browser browser, String id, String value) {
        new org.openqa.selenium.support.ui.Select(browser.find(By.id(id))).selectByValue(value);
    }

    private static void assertNoSideways(Browser phone) {
        Object width = ((JavascriptExecutor) phone.driver())
            .executeScript("return document.documentElement.scrollWidth;");
        assertThat(((Number) width).intValue()).isLessThanOrEqualTo(390);
    }

    /** Clicks a submit button and waits for the page after the redirect. */
    private static void submit(Browser browser, By button) {
        WebElement html = browser.find(By.tagName("html"));
        browser.waitForClickable(button).click();
        browser.waitUntilGone(html);
        browser.waitForVisible(By.tagName("main"));
    }

    private JsonNode grid(String type, JsonNode parent) {
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type,
                parent == null ? null : parent.path("code").asString()) + "\"name\":\"问卷" + GridNames.inWords(type)
                + "\",\"type\":\"" + type + "\""
                + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"") + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String account(String role, String binding) {
        String username = Unique.code("qcb" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
