package org.gridgov.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.gridgov.PlatformTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 19 #4 in a real browser: the Chinese console shows no raw code (no run of six capitals or underscores such as
 * {@code SUBMITTED}, {@code ELDERLY_ALONE}, {@code LOGIN_SUCCEEDED}) on the incident list and detail, a resident's
 * page, the audit log and the points pages, for data seeded as a working day leaves it.
 */
@PlatformTest
class CodesInWordsBrowserIT {

    static final Pattern RAW_CODE = Pattern.compile("[A-Z_]{6,}");

    /** A tracking code (SS261206-USEZFL) is the incident's name for the public, not a code to put into words. */
    static final Pattern TRACKING_CODE = Pattern.compile("\\b[A-Z]{2}\\d{6}-[A-Z0-9]+\\b");

    /** The test fixture names its grids after their type and a number ("MICRO_GRID 548927274"): data, not a code. */
    static final Pattern FIXTURE_GRID_NAME = Pattern.compile(
            "\\b(?:DISTRICT|STREET|COMMUNITY|GENERAL_GRID|MICRO_GRID) [0-9A-Z]+\\b");

    @LocalServerPort
    int port;

    @Test
    void the_chinese_console_says_states_tags_actions_rules_and_notes_in_words() {
        ConsoleSeed seed = ConsoleSeed.seed(port);

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD);

            String incident = page(browser, "/incidents/" + seed.incident());
            assertThat(incident).contains("已派给 " + seed.workerName()).doesNotContain("assigned to");
            assertThat(incident).contains("上报至").contains("超出网格处置能力");

            String resident = page(browser, "/residents/" + seed.resident());
            assertThat(browser.find(By.id("resident-tags")).getText()).isEqualTo("独居老人、低保户");

            String ledger = page(browser, "/points/ledger?accountId=" + seed.workerAccount());
            assertThat(browser.texts(By.cssSelector("#ledger-lines tbody td:nth-child(7)")))
                .anySatisfy(rule -> assertThat(rule).matches(".+ 第\\d+版：每次\\d+分(，每月上限\\d+分)?"));
            assertThat(ledger).contains("获得");

            String audit = page(browser, "/admin/audit?actor=" + PlatformTest.ADMIN);
            assertThat(browser.texts(By.cssSelector("#audit td.action"))).contains("登录成功");

            for (String path : List.of("/incidents", "/points/review?state=APPROVED", "/points/ledger?kind=PERSON",
                    "/residents?q=张秀英")) {
                page(browser, path);
            }
            assertThat(List.of(incident, resident, ledger, audit)).allSatisfy(text -> assertThat(text).isNotBlank());
        }
    }

    /** Opens a page in Chinese and fails when its main content shows a raw code; returns that content. */
    private static String page(Browser browser, String path) {
        browser.get(path + (path.contains("?") ? "&" : "?") + "lang=zh_CN");
        String text = browser.waitForVisible(By.tagName("main")).getText();
        String checked = FIXTURE_GRID_NAME.matcher(TRACKING_CODE.matcher(text).replaceAll("#")).replaceAll("#");
        Matcher code = RAW_CODE.matcher(checked);
        boolean found = code.find();
        assertThat(found).as("a raw code on %s: %s", path, found ? context(checked, code) : "").isFalse();
        return text;
    }

    private static String context(String text, Matcher code) {
        int from = Math.max(0, code.start() - 60);
        int to = Math.min(text.length(), code.end() + 60);
        return "…" + text.substring(from, to).replace('\n', ' ') + "…";
    }
}
