package org.gridgov.console;

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
            browser.find(By.cssSelector("#projects-pager a.next")).click();
            browser.waitForVisible(By.cssSelector("#projects-pager a.previous"));
            assertThat(browser.findAll(By.cssSelector("#projects tbody tr"))).hasSize(1);

            browser.get("/participation/projects?lang=en");
            browser.waitForVisible(By.cssSelector("#project-state option[value='IN_PROGRESS']")).click();
            WebElement html = browser.find(By.tagName("html"));
            browser.find(By.id("project-filter-submit")).click();
            browser.waitUntilGone(html);
            WebElement row = browser.waitForVisible(By.cssSelector("#projects tr[data-id='" + running + "']"));
            assertThat(browser.findAll(By.cssSelector("#projects tbody tr"))).hasSize(1);
            assertThat(browser.findAll(By.id("projects-pager"))).isEmpty();
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

    private JsonNode grid(String type, JsonNode parent) {
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type,
                parent == null ? null : parent.path("code").asString()) + "\"name\":\"项目" + type
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
