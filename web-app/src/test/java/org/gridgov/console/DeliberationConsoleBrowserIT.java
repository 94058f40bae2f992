package org.gridgov.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

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
 * Questionnaires and deliberation in the console: the community worker pages through the community's questionnaires
 * and reads one's results as bars (residents answered through the API); a topic that reached its threshold shows on
 * the agenda, and the worker records the decision and its follow-up on its page, seeing the timeline grow.
 */
@PlatformTest
class DeliberationConsoleBrowserIT {

    static final String PASSWORD = "deliberation-console-1";

    @LocalServerPort
    int port;

    HttpTestClient admin;

    @Test
    void the_worker_pages_through_questionnaires_reads_results_as_bars_and_decides_a_topic_on_the_agenda() {
        admin = ApiLogin.admin(port);
        JsonNode district = grid("DISTRICT", null);
        JsonNode street = grid("STREET", district);
        JsonNode community = grid("COMMUNITY", street);
        long communityId = community.path("id").asLong();
        String worker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + communityId);
        String first = account("RESIDENT", ",\"scopeNodeId\":" + communityId);
        String second = account("RESIDENT", ",\"scopeNodeId\":" + communityId);
        HttpTestClient workerApi = ApiLogin.as(port, worker, PASSWORD);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        long surveyed = 0;
        for (int i = 0; i < 21; i++) {
            var created = workerApi.post("/api/v1/participation/questionnaires", "{\"gridId\":" + communityId
                    + ",\"title\":\"活动需求调查 " + i + "\",\"opensOn\":\"" + today.minusDays(1) + "\",\"closesOn\":\""
                    + today.plusDays(5) + "\",\"questions\":[{\"kind\":\"SINGLE\",\"prompt\":\"最希望增设的活动\","
                    + "\"options\":[\"读书会\",\"亲子活动\"]},{\"kind\":\"SCALE\",\"prompt\":\"满意度\",\"scaleMin\":1,"
                    + "\"scaleMax\":5}]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            if (i == 20) {
                JsonNode q = created.json();
                surveyed = q.path("id").asLong();
                long single = q.path("questions").get(0).path("id").asLong();
                long scale = q.path("questions").get(1).path("id").asLong();
                for (String[] a : new String[][] { { first, "1", "5" }, { second, "2", "3" } }) {
                    var answered = ApiLogin.as(port, a[0], PASSWORD).post("/api/v1/participation/questionnaires/"
                            + surveyed + "/responses", "{\"answers\":[{\"questionId\":" + single + ",\"options\":["
                            + a[1] + "]},{\"questionId\":" + scale + ",\"value\":" + a[2] + "}]}");
                    assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
                }
            }
        }
        var topic = workerApi.post("/api/v1/participation/topics", "{\"gridId\":" + communityId + ",\"title\":"
                + "\"小区东门加装充电桩\",\"body\":\"电动车在楼道充电有火灾隐患\",\"supportThreshold\":2}");
        assertThat(topic.status()).as(topic.toString()).isEqualTo(201);
        long topicId = topic.json().path("id").asLong();
        ApiLogin.as(port, first, PASSWORD).post("/api/v1/participation/topics/" + topicId + "/supports", "{}");
        ApiLogin.as(port, second, PASSWORD).post("/api/v1/participation/topics/" + topicId + "/supports", "{}");

        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/participation/questionnaires?lang=en");
            assertThat(browser.waitForVisible(By.id("questionnaires-pager")).getText()).contains("Page 1 of 2");
            assertThat(browser.findAll(By.cssSelector("#questionnaires tbody tr"))).hasSize(20);
            browser.find(By.cssSelector("#questionnaires-pager a.pager-next")).click();
            browser.waitForVisible(By.cssSelector("#questionnaires-pager a.pager-prev"));
            assertThat(browser.findAll(By.cssSelector("#questionnaires tbody tr"))).hasSize(1);

            browser.get("/participation/questionnaires/" + surveyed + "?lang=en");
            assertThat(browser.waitForVisible(By.id("responses")).getText()).isEqualTo("2");
            assertThat(browser.findAll(By.cssSelector("section.question[data-kind='SINGLE'] tr.option")))
                .extracting(e -> e.getAttribute("data-count")).containsExactly("1", "1");
            WebElement bar = browser.find(By.cssSelector("section.question[data-kind='SINGLE'] tr.option .bar"));
            assertThat(bar.getDomAttribute("style")).contains("width:50%");
            assertThat(browser.find(By.cssSelector("section.question[data-kind='SCALE'] .mean")).getText())
                .isEqualTo("4.0");
            // the export, fetched as the page's user: UTF-8 with a BOM
            Object head = ((JavascriptExecutor) browser.driver()).executeAsyncScript("const done = arguments[1];"
                    + "fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(Array.from(new Uint8Array(b)"
                    + ".slice(0, 3))))", browser.find(By.id("export-csv")).getAttribute("href"));
            assertThat((java.util.List<?>) head).extracting(n -> ((Number) n).intValue()).containsExactly(0xEF, 0xBB,
                    0xBF);

            browser.get("/participation/topics?lang=en&state=ON_AGENDA");
            WebElement row = browser.waitForVisible(By.cssSelector("#topics tr[data-id='" + topicId + "']"));
            assertThat(row.findElement(By.cssSelector("td.supports")).getText()).isEqualTo("2 / 2");
            row.findElement(By.cssSelector("td.title a")).click();
            browser.waitForVisible(By.id("decision-text")).sendKeys("议事会同意：东门空地加装 20 个充电口");
            submit(browser, By.id("decision-submit"));
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("Decision recorded.");
            assertThat(browser.find(By.id("topic-state")).getAttribute("data-state")).isEqualTo("DECIDED");
            browser.find(By.cssSelector("#follow-up-kind option[value='MICRO_PROJECT']")).click();
            browser.find(By.id("follow-up-note")).sendKeys("纳入下季度微治理项目");
            submit(browser, By.id("follow-up-submit"));
            assertThat(browser.find(By.id("follow-up")).getAttribute("data-follow-up")).isEqualTo("MICRO_PROJECT");
            assertThat(browser.findAll(By.cssSelector("#timeline li")))
                .extracting(e -> e.getAttribute("data-kind"))
                .containsExactly("RAISED", "ON_AGENDA", "DECIDED", "FOLLOWED_UP");
            browser.find(By.id("comment-body")).sendKeys("请物业尽快施工");
            submit(browser, By.id("comment-submit"));
            assertThat(browser.find(By.cssSelector("#comments .comment .body")).getText()).isEqualTo("请物业尽快施工");
        }
    }

    @Test
    void a_resident_answers_a_questionnaire_and_supports_a_topic_on_the_phone() {
        admin = ApiLogin.admin(port);
        JsonNode district = grid("DISTRICT", null);
        JsonNode street = grid("STREET", district);
        JsonNode community = grid("COMMUNITY", street);
        long communityId = community.path("id").asLong();
        String worker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + communityId);
        String resident = account("RESIDENT", ",\"scopeNodeId\":" + communityId);
        HttpTestClient workerApi = ApiLogin.as(port, worker, PASSWORD);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        var created = workerApi.post("/api/v1/participation/questionnaires", "{\"gridId\":" + communityId
                + ",\"title\":\"停车需求调查\",\"opensOn\":\"" + today + "\",\"closesOn\":\"" + today.plusDays(3)
                + "\",\"questions\":[{\"kind\":\"SINGLE\",\"prompt\":\"是否有车\",\"options\":[\"有\",\"没有\"]},"
                + "{\"kind\":\"MULTIPLE\",\"prompt\":\"需要的车位\",\"options\":[\"汽车\",\"电动车\",\"自行车\"]},"
                + "{\"kind\":\"SCALE\",\"prompt\":\"满意度\",\"scaleMin\":1,\"scaleMax\":5},"
                + "{\"kind\":\"TEXT\",\"prompt\":\"建议\",\"required\":false}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long questionnaireId = created.json().path("id").asLong();
        var topic = workerApi.post("/api/v1/participation/topics", "{\"gridId\":" + communityId + ",\"title\":"
                + "\"加装路灯\",\"body\":\"三号楼后面太黑\",\"supportThreshold\":1}");
        long topicId = topic.json().path("id").asLong();

        try (Browser phone = Browser.open(port)) {
            phone.driver().manage().window().setSize(new Dimension(390, 844));
            phone.login(resident, PASSWORD).get("/m/participation/questionnaires?lang=en");
            phone.waitForClickable(By.cssSelector("#phone-questionnaires li[data-id='" + questionnaireId + "'] a"))
                .click();
            phone.waitForVisible(By.id("questionnaire-title"));
            phone.findAll(By.cssSelector("fieldset[data-kind='SINGLE'] input")).get(1).click();
            phone.findAll(By.cssSelector("fieldset[data-kind='MULTIPLE'] input")).get(1).click();
            phone.findAll(By.cssSelector("fieldset[data-kind='MULTIPLE'] input")).get(2).click();
            phone.find(By.cssSelector("fieldset[data-kind='SCALE'] select option[value='4']")).click();
            phone.find(By.cssSelector("fieldset[data-kind='TEXT'] textarea")).sendKeys("=多建充电桩");
            assertNoSideways(phone);
            submit(phone, By.id("answer-submit"));
            assertThat(phone.find(By.id("flash-message")).getText()).isEqualTo("Thank you for answering.");

            phone.get("/m/participation/topics?lang=en");
            submit(phone, By.cssSelector("#phone-topics li[data-id='" + topicId + "'] button.support"));
            assertThat(phone.find(By.id("flash-message")).getText()).isEqualTo("Supported.");
            WebElement card = phone.find(By.cssSelector("#phone-topics li[data-id='" + topicId + "']"));
            assertThat(card.findElement(By.cssSelector(".supports")).getText()).isEqualTo("1 / 1");
            assertThat(card.findElement(By.cssSelector(".state")).getAttribute("data-state")).isEqualTo("ON_AGENDA");
            assertNoSideways(phone);
        }
        JsonNode results = workerApi.get("/api/v1/participation/questionnaires/" + questionnaireId + "/results")
            .json();
        assertThat(results.path("responses").asLong()).isEqualTo(1);
        JsonNode questions = results.path("questions");
        assertThat(questions.get(0).path("options").get(1).path("count").asLong()).isEqualTo(1);
        assertThat(questions.get(1).path("options").get(0).path("count").asLong()).isZero();
        assertThat(questions.get(1).path("options").get(2).path("count").asLong()).isEqualTo(1);
        assertThat(questions.get(2).path("scale").path("mean").asDouble()).isEqualTo(4.0);
        assertThat(questions.get(3).path("texts").get(0).path("text").asString()).isEqualTo("=多建充电桩");
    }

    /** Usable at 390 px: nothing wider than the screen. */
    private static void assertNoSideways(Browser phone) {
        Object width = ((JavascriptExecutor) phone.driver())
            .executeScript("return document.documentElement.scrollWidth;");
        assertThat(((Number) width).intValue()).isLessThanOrEqualTo(390);
    }

    private void submit(Browser browser, By button) {
        WebElement html = browser.find(By.tagName("html"));
        browser.waitForClickable(button).click();
        browser.waitUntilGone(html);
        browser.waitForVisible(By.tagName("main"));
    }

    private JsonNode grid(String type, JsonNode parent) {
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type,
                parent == null ? null : parent.path("code").asString()) + "\"name\":\"议事" + GridNames.inWords(type)
                + "\",\"type\":\"" + type + "\""
                + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"") + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String account(String role, String binding) {
        String username = Unique.code("dlb" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
