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
 * Booking a community space end to end in the browser: the community worker creates a space that needs approval in
 * the console; a resident books a slot on the phone page at 390 px; a second resident tapping the same slot is told
 * the next free ones; the worker approves, and the resident sees the booking confirmed.
 */
@PlatformTest
class ParticipationConsoleBrowserIT {

    static final String PASSWORD = "participation-console-1";

    @LocalServerPort
    int port;

    HttpTestClient admin;

    @Test
    void a_space_created_in_the_console_is_booked_on_the_phone_and_approved_by_the_community_worker() {
        admin = ApiLogin.admin(port);
        JsonNode district = grid("DISTRICT", null);
        JsonNode street = grid("STREET", district);
        JsonNode community = grid("COMMUNITY", street);
        long communityId = community.path("id").asLong();
        String worker = account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + communityId);
        String resident = account("RESIDENT", "");
        String neighbour = account("RESIDENT", "");
        String spaceName = "Reading room " + Unique.next();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2);

        long spaceId;
        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/participation?lang=en");
            browser.waitForVisible(By.id("space-name")).sendKeys(spaceName);
            browser.find(By.id("space-approval")).click();
            submit(browser, By.id("space-submit"));
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("Space created.");
            WebElement row = browser.find(By.xpath("//table[@id='spaces']//tr[td[@class='name']/a[text()='"
                    + spaceName + "']]"));
            spaceId = Long.parseLong(row.getAttribute("data-id"));
            assertThat(browser.find(By.id("spaces-pager")).getText()).contains("in all");

            // the worker changes it: more people, and the day after the booking day afternoons only — the list
            // shows the new hours (the booking day keeps its hours)
            int other = day.plusDays(1).getDayOfWeek().getValue();
            row.findElement(By.cssSelector("a.edit-space")).click();
            WebElement capacity = browser.waitForVisible(By.id("edit-capacity"));
            assertThat(browser.find(By.id("edit-approval")).isSelected()).isTrue();
            capacity.clear();
            capacity.sendKeys("25");
            ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById(arguments[0]).value = "
                    + "'14:00'; document.getElementById(arguments[1]).value = '18:00';", "h" + other + "-0-opens",
                    "h" + other + "-0-closes");
            submit(browser, By.id("edit-submit"));
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("Space changed.");
            WebElement changed = browser.find(By.cssSelector("#spaces tr[data-id='" + spaceId + "']"));
            // the capacity by its cell: the row also holds the space's id and names with generated digits
            assertThat(changed.findElements(By.tagName("td")).get(3).getText()).isEqualTo("25");
            assertThat(changed.getText()).contains("周" + other + " 14:00–18:00");
        }

        String slot;
        try (Browser phone = Browser.open(port)) {
            phone.driver().manage().window().setSize(new Dimension(390, 844));
            phone.login(resident, PASSWORD).get("/m/participation?lang=en");
            phone.waitForClickable(By.cssSelector("#phone-spaces li[data-id='" + spaceId + "'] a")).click();
            phone.waitForVisible(By.id("space-name"));
            phone.get("/m/participation/spaces/" + spaceId + "?lang=en&date=" + day);
            phone.waitForVisible(By.id("book-purpose")).sendKeys("邻里月台读书会");
            WebElement second = phone.findAll(By.cssSelector("#slots input[name='slot']")).get(1);
            slot = second.getAttribute("data-starts");
            phone.findAll(By.cssSelector("#slots label.slot")).get(1).click();
            assertThat(phone.find(By.id("book-starts")).getAttribute("value")).isEqualTo(slot);
            assertNoSideways(phone);
            submit(phone, By.id("book-submit"));
            assertThat(phone.find(By.id("flash-message")).getText()).isEqualTo("Booked.");
            assertThat(phone.find(By.cssSelector("#my-bookings .state")).getAttribute("data-state"))
                .isEqualTo("PENDING");
            assertNoSideways(phone);
        }

        // the slot is held while it waits for approval: the neighbour is sent to the next free ones
        try (Browser phone = Browser.open(port)) {
            phone.driver().manage().window().setSize(new Dimension(390, 844));
            phone.login(neighbour, PASSWORD).get("/m/participation/spaces/" + spaceId + "?lang=en&date=" + day);
            phone.waitForVisible(By.id("book-purpose")).sendKeys("广场舞排练");
            // the page was loaded before... the slot is already gone from the free list: post it as a stale page would
            ((JavascriptExecutor) phone.driver()).executeScript("document.getElementById('book-starts').value = "
                    + "arguments[0]; document.getElementById('book-ends').value = arguments[1];", slot,
                    java.time.Instant.parse(slot).plusSeconds(1800).toString());
            submit(phone, By.id("book-submit"));
            assertThat(phone.find(By.id("flash-error")).getText()).contains("already booked");
            assertThat(phone.findAll(By.cssSelector("#next-free li.next-free-slot"))).isNotEmpty();
            // the next free slots in words — weekday, day, month and times in China time — each booked with one tap
            WebElement first = phone.find(By.cssSelector("#next-free li.next-free-slot"));
            String starts = first.getAttribute("data-starts");
            String words = java.time.format.DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH)
                .format(java.time.Instant.parse(starts).atZone(ZoneId.of("Asia/Shanghai")));
            assertThat(first.findElement(By.cssSelector(".words")).getText()).startsWith(words).contains("–");
            WebElement tap = first.findElement(By.cssSelector("button.book-free-slot"));
            assertThat(tap.getSize().getHeight()).isGreaterThanOrEqualTo(44);
            assertNoSideways(phone);
            submit(phone, tap);
            assertThat(phone.find(By.id("flash-message")).getText()).isEqualTo("Booked.");
            assertThat(phone.findAll(By.cssSelector("#my-bookings li"))).hasSize(1);
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(worker, PASSWORD).get("/participation?lang=en");
            submit(browser, browser.waitForClickable(By.cssSelector("#bookings button.approve")));
            assertThat(browser.find(By.id("flash-message")).getText()).isEqualTo("Approved.");
            assertThat(browser.find(By.cssSelector("#bookings td.state")).getAttribute("data-state"))
                .isEqualTo("CONFIRMED");
        }

        try (Browser phone = Browser.open(port)) {
            phone.driver().manage().window().setSize(new Dimension(390, 844));
            phone.login(resident, PASSWORD).get("/m/participation?lang=en");
            assertThat(phone.waitForVisible(By.cssSelector("#my-bookings .state")).getAttribute("data-state"))
                .isEqualTo("CONFIRMED");
        }
    }

    /** Usable at 390 px: nothing wider than the screen. */
    private static void assertNoSideways(Browser phone) {
        Object width = ((JavascriptExecutor) phone.driver())
            .executeScript("return document.documentElement.scrollWidth;");
        assertThat(((Number) width).intValue()).isLessThanOrEqualTo(390);
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
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type,
                parent == null ? null : parent.path("code").asString()) + "\"name\":\"空间预约" + GridNames.inWords(type)
                + "\",\"type\":\"" + type + "\""
                + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"") + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String account(String role, String binding) {
        String username = Unique.code("pbc" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
