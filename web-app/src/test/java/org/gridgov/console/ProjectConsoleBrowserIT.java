package org.gridgov.console;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

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
 * Micro-governance projects in the console: the community worker pages through the community's projects, 20 a page,
 * and filters them by state, seeing budget and progress; a street officer of another street sees none of them.
 */
@PlatformTest
class ProjectConsoleBrowserIT {

    static final String PASSWORD = "project-console-1";

    @LocalServerPort
    int port;

    HttpTestClient admin;

    @Test
    void the_worker_pages_through_the_communitys_projects_and_filters_them_by_state() {
        admin = ApiLogin.admin(port);
        JsonNode district = grid("DISTRICT", null);
        JsonNode street = grid("STREET", district);
        JsonNode community = grid("COMMUNITY", street);
        JsonNode otherStreet = grid("STREET", district);
        long communityId = community.path("id").asLong();
        String worker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + communityId);
        String stranger = account("STREET_OFFICER", ",\"scopeNodeId\":" + otherStreet.path("id").asLong());
        HttpTestClient workerApi = ApiLogin.as(port, worker, PASSWORD);
        long running = 0;
        for (int i = 0; i < 21; i++) {
            var created = workerApi.post("/api/v1/participation/projects", "{\"gridId\":" + communityId
                    + ",\"title\":\"院落微更新 " + i + "\",\"description\":\"增设休闲座椅\",\"budgetYuan\":12000.5,"
                    + "\"budgetSource\":\"COMMUNITY_FUND\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            running = created.json().path("id").asLong();
        }
        assertThat(workerApi.post("/api/v1/participation/projects/" + running + "/approve", "{}").status())
            .isEqualTo(200);
        assertThat(workerApi.post("/api/v1/participation/projects/" + running + "/start", "{}").status())
            .isEqualTo(200);
        var milestone = workerApi.post("/api/v1/participation/projects/" + running + "/milestones", "{\"title\":"
                + "\"座椅到货\",\"reachedOn\":\"2026-11-30\",\"progress\":40}");
        assertThat(milestone.status()).as(milestone.toString()).isEqualTo(201);

        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/participation/projects?lang=en");
            assertThat(browser.waitForVisible(By.id("projects-pager")).getText()).contains("Page 1 of 2");
            assertThat(browser.findAll(By.cssSelector("#projects tbody tr"))).hasSize(20);
            browser.find(By.cssSelector("#projects-pager a.pager-next")).click();
            browser.waitForVisible(By.cssSelector("#projects-pager a.pager-prev"));
            assertThat(browser.findAll(By.cssSelector("#projects tbody tr"))).hasSize(1);

            browser.get("/participation/projects?lang=en");
            browser.waitForVisible(By.cssSelector("#project-state option[value='IN_PROGRESS']")).click();
            WebElement html = browser.find(By.tagName("html"));
            browser.find(By.id("project-filter-submit")).click();
            browser.waitUntilGone(html);
            WebElement row = browser.waitForVisible(By.cssSelector("#projects tr[data-id='" + running + "']"));
            assertThat(browser.findAll(By.cssSelector("#projects tbody tr"))).hasSize(1);
            // one page: the shared pager gives the total and no page links
            assertThat(browser.find(By.id("projects-pager")).getText()).isEqualTo("1 in all");
            assertThat(browser.findAll(By.cssSelector("#projects-pager a"))).isEmpty();
            assertThat(row.findElement(By.cssSelector("td.state")).getAttribute("data-state")).isEqualTo("IN_PROGRESS");
            assertThat(row.findElement(By.cssSelector("td.progress")).getText()).isEqualTo("40%");
            assertThat(row.findElement(By.cssSelector("td.budget")).getText()).contains("12000.50")
                .contains("Community fund");
        }
        try (Browser browser = Browser.open(port)) {
            browser.login(stranger, PASSWORD).get("/participation/projects?lang=en");
            assertThat(browser.waitForVisible(By.id("projects-empty")).getText())
                .isEqualTo("No micro-governance projects yet.");
        }
    }

    @Test
    void the_worker_proposes_approves_and_records_a_milestone_with_a_photo_and_residents_rate_the_finished_project()
            throws Exception {
        admin = ApiLogin.admin(port);
        JsonNode district = grid("DISTRICT", null);
        JsonNode street = grid("STREET", district);
        JsonNode community = grid("COMMUNITY", street);
        long communityId = community.path("id").asLong();
        String worker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + communityId);
        String resident = account("RESIDENT", ",\"scopeNodeId\":" + communityId);
        String title = "小游园微更新 " + Unique.next();
        Path photo = Files.createTempFile("milestone", ".png");
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var pen = image.createGraphics();
        pen.setColor(Color.GREEN);
        pen.fillRect(0, 0, 64, 48);
        pen.dispose();
        ImageIO.write(image, "png", photo.toFile());

        long id;
        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/participation/projects?lang=en");
            browser.waitForClickable(By.id("new-project")).click();
            browser.waitForVisible(By.id("project-title")).sendKeys(title);
            browser.find(By.id("project-description")).sendKeys("增设休闲座椅和夜间照明");
            browser.find(By.id("project-budget")).sendKeys("8600.5");
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("project-source"))).selectByValue("STREET");
            submit(browser, By.id("project-submit"));
            assertThat(browser.waitForVisible(By.id("flash-message")).getText()).isEqualTo("Project proposed.");
            id = Long.parseLong(browser.currentPath().replaceAll(".*/participation/projects/(\\d+).*", "$1"));
            assertThat(browser.find(By.id("project-state")).getAttribute("data-state")).isEqualTo("PROPOSED");
            assertThat(browser.find(By.id("project-budget")).getText()).contains("8600.50").contains("Street");

            browser.find(By.id("approve-note")).sendKeys("同意实施");
            submit(browser, By.id("project-approve"));
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("Project approved.");
            assertThat(browser.find(By.id("project-state")).getAttribute("data-state")).isEqualTo("APPROVED");
            assertThat(browser.find(By.id("project-decision")).getText()).contains("同意实施");
            assertThat(browser.findAll(By.id("project-reject"))).isEmpty();
            submit(browser, By.id("project-start"));
            assertThat(browser.find(By.id("project-state")).getAttribute("data-state")).isEqualTo("IN_PROGRESS");

            browser.find(By.id("milestone-title")).sendKeys("座椅安装完成");
            WebElement progress = browser.find(By.id("milestone-progress"));
            progress.clear();
            progress.sendKeys("60");
            browser.find(By.id("milestone-photo")).sendKeys(photo.toAbsolutePath().toString());
            submit(browser, By.id("milestone-submit"));
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("Milestone recorded.");
            assertThat(browser.find(By.id("project-progress")).getText()).isEqualTo("60%");
            assertThat(browser.find(By.cssSelector("#milestones .milestone-title")).getText()).isEqualTo("座椅安装完成");
            // the photo is shown: the console's img loaded the stored image through the session
            WebElement img = browser.waitForVisible(By.cssSelector("#milestones img.milestone-photo"));
            browser.waitUntil(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                    "return arguments[0].complete ? arguments[0].naturalWidth : 0;", img)).intValue() == 64);
            submit(browser, By.id("project-complete"));
            assertThat(browser.find(By.id("project-state")).getAttribute("data-state")).isEqualTo("COMPLETED");
            assertThat(browser.find(By.id("project-rating")).getText()).isEqualTo("—");
        }
        finally {
            Files.deleteIfExists(photo);
        }

        try (Browser phone = Browser.open(port)) {
            phone.driver().manage().window().setSize(new Dimension(390, 844));
            phone.login(resident, PASSWORD).get("/m/participation/projects?lang=en");
            WebElement card = phone.waitForVisible(By.cssSelector("#phone-projects li[data-id='" + id + "']"));
            assertThat(card.findElement(By.cssSelector(".state")).getAttribute("data-state")).isEqualTo("COMPLETED");
            WebElement five = card.findElement(By.xpath(".//label[contains(@class,'star')][5]"));
            assertThat(five.getSize().getHeight()).isGreaterThanOrEqualTo(44);
            five.click();
            WebElement html = phone.find(By.tagName("html"));
            card.findElement(By.cssSelector("button.rate")).click();
            phone.waitUntilGone(html);
            assertThat(phone.waitForVisible(By.id("flash-message")).getText()).isEqualTo("Thank you for your rating.");
            WebElement rated = phone.find(By.cssSelector("#phone-projects li[data-id='" + id + "']"));
            assertThat(rated.findElement(By.cssSelector(".my-rating")).getText()).contains("5");
            assertThat(rated.findElements(By.cssSelector("form.rate-form"))).isEmpty();
            Object width = ((JavascriptExecutor) phone.driver())
                .executeScript("return document.documentElement.scrollWidth;");
            assertThat(((Number) width).intValue()).isLessThanOrEqualTo(390);
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/participation/projects/" + id + "?lang=en");
            assertThat(browser.waitForVisible(By.id("project-rating")).getText()).isEqualTo("5.0 ★ (1)");
        }
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
                parent == null ? null : parent.path("code").asString()) + "\"name\":\"项目" + GridNames.inWords(type)
                + "\",\"type\":\"" + type + "\""
                + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"") + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String account(String role, String binding) {
        String username = Unique.code("prj" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
