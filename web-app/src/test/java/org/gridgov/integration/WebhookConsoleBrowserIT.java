package org.gridgov.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.console.Browser;
import org.gridgov.integration.testing.WebhookReceiver;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An administrator finds the paused webhook in the console, sees why, resumes it and watches the backlog go out. */
@PlatformTest
class WebhookConsoleBrowserIT {

    @LocalServerPort
    int port;

    @Test
    void a_paused_subscription_is_shown_with_its_reason_and_resumed_from_the_console() throws Exception {
        HttpTestClient admin = ApiLogin.admin(port);
        try (WebhookReceiver receiver = new WebhookReceiver().answering(n -> 500); Browser browser = Browser.open(port)) {
            String name = "hotline-" + UUID.randomUUID().toString().substring(0, 8);
            var created = admin.post("/api/v1/webhook-subscriptions", "{\"name\":\"" + name + "\",\"url\":\""
                    + receiver.url() + "\",\"eventTypes\":[\"incident.created\"]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            receiver.secret(created.json().path("secret").asString());
            double lng = 140 + (Unique.next() % 400) * 0.05;
            var district = admin.post("/api/v1/grids", "{\"code\":\"" + Unique.districtCode() + "\",\"name\":\"回调区\","
                    + "\"type\":\"DISTRICT\",\"boundary\":{\"type\":\"Polygon\",\"coordinates\":[[[" + lng + ",10],["
                    + (lng + 0.01) + ",10],[" + (lng + 0.01) + ",10.01],[" + lng + ",10.01],[" + lng + ",10]]]}}");
            assertThat(district.status()).as(district.toString()).isEqualTo(201);
            var reported = admin.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                    "{\"category\":\"OTHER\",\"description\":\"回调控制台测试\",\"lat\":10.005,\"lng\":"
                            + (lng + 0.005) + "}");
            assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> "PAUSED".equals(
                    admin.get("/api/v1/webhook-subscriptions/" + id).json().path("state").asString()));

            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/admin/webhooks?lang=en");
            WebElement row = browser.waitForVisible(By.id("webhook-" + id));
            assertThat(row.getAttribute("class")).contains("paused");
            assertThat(row.findElement(By.cssSelector(".state")).getText()).contains("Paused").contains("HTTP 500");

            row.findElement(By.linkText(name)).click();
            assertThat(browser.waitForVisible(By.id("subscription-state")).getText()).isEqualTo("Paused");
            assertThat(browser.texts(By.cssSelector("#deliveries td.state"))).contains("Pending");
            assertThat(browser.find(By.id("deliveries")).getText()).contains("HTTP 500");

            receiver.answering(n -> 200);
            WebElement resume = browser.find(By.id("resume"));
            resume.click();
            browser.waitUntilGone(resume);
            assertThat(browser.waitForVisible(By.id("flash-message")).getText()).contains("Resumed");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                browser.get("/admin/webhooks/" + id + "?lang=en");
                assertThat(browser.texts(By.cssSelector("#deliveries td.state"))).containsOnly("Delivered");
            });
            assertThat(receiver.received()).anyMatch(r -> r.answered() == 200 && r.signatureValid());
        }
    }
}
