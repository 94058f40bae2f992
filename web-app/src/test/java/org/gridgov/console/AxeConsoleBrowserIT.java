package org.gridgov.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.gridgov.PlatformTest;
import org.gridgov.ApiLogin;
import org.gridgov.testsupport.AccountFixture;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 19 #9: axe-core (the npm package, injected into the page by Deque's Selenium binding) finds no critical and no
 * serious WCAG 2 A/AA violation on the console's main pages and the phone pages, in Chinese and English. A new page is
 * one more path in {@link #CONSOLE} or {@link #PHONE}.
 */
@PlatformTest
class AxeConsoleBrowserIT {

    static final List<String> TAGS = List.of("wcag2a", "wcag2aa");

    static final Set<String> BLOCKING = Set.of("critical", "serious");

    /** Console pages as an administrator; {incident}, {resident}, {account} are the seeded ones. */
    static final List<String> CONSOLE = List.of("/", "/grids", "/grids/{micro}", "/residents", "/residents?q=张秀英",
            "/residents/{resident}", "/incidents", "/incidents/{incident}", "/incidents/map", "/points/review",
            "/points/ledger?accountId={account}", "/points/ledger?kind=PERSON", "/admin/audit", "/admin/users",
            "/participation", "/participation/activities", "/participation/topics",
            "/participation/questionnaires", "/participation/projects", "/account");

    /** Phone pages as a resident. */
    static final List<String> PHONE = List.of("/m", "/m/report", "/m/reports", "/m/card", "/m/points",
            "/m/participation", "/m/participation/activities", "/m/participation/topics",
            "/m/participation/questionnaires", "/m/participation/projects");

    /** Phone pages as the micro grid's worker; {incident} is the seeded one. */
    static final List<String> WORKER_PHONE = List.of("/m/queue", "/m/incidents/{incident}", "/m/report", "/m/visits",
            "/m/service", "/m/points", "/m/card");

    @LocalServerPort
    int port;

    @Test
    void the_login_page_and_the_consoles_main_pages_have_no_critical_or_serious_violation() {
        ConsoleSeed seed = ConsoleSeed.seed(port);
        List<String> found = new ArrayList<>();
        try (Browser browser = Browser.open(port)) {
            for (String lang : List.of("zh_CN", "en")) {
                found.addAll(violations(browser, "/login?lang=" + lang));
            }
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD);
            for (String lang : List.of("zh_CN", "en")) {
                for (String path : CONSOLE) {
                    found.addAll(violations(browser, withLang(path.replace("{micro}", String.valueOf(seed.tree()
                        .micro().id())).replace("{resident}", String.valueOf(seed.resident()))
                        .replace("{incident}", String.valueOf(seed.incident()))
                        .replace("{account}", String.valueOf(seed.workerAccount())), lang)));
                }
            }
        }
        assertThat(found).as("critical and serious axe violations").isEmpty();
    }

    @Test
    void the_phone_pages_have_no_critical_or_serious_violation_on_a_390_pixel_screen() {
        ConsoleSeed seed = ConsoleSeed.seed(port);
        List<String> found = new ArrayList<>();
        try (Browser browser = Browser.open(port)) {
            browser.viewport(390, 844);
            browser.login(seed.residentUser(), AccountFixture.PASSWORD);
            for (String lang : List.of("zh_CN", "en")) {
                for (String path : PHONE) {
                    found.addAll(violations(browser, withLang(path, lang)));
                }
            }
        }
        assertThat(found).as("critical and serious axe violations").isEmpty();
    }

    @Test
    void the_grid_workers_phone_pages_have_no_critical_or_serious_violation_on_a_390_pixel_screen() {
        ConsoleSeed seed = ConsoleSeed.seed(port);
        String worker = new AccountFixture(port, ApiLogin.admin(port)).account("GRID_WORKER",
                ",\"scopeNodeId\":" + seed.tree().micro().id());
        List<String> found = new ArrayList<>();
        try (Browser browser = Browser.open(port)) {
            browser.viewport(390, 844);
            browser.login(worker, AccountFixture.PASSWORD);
            for (String lang : List.of("zh_CN", "en")) {
                for (String path : WORKER_PHONE) {
                    found.addAll(violations(browser,
                            withLang(path.replace("{incident}", String.valueOf(seed.incident())), lang)));
                }
            }
        }
        assertThat(found).as("critical and serious axe violations").isEmpty();
    }

    /** Runs axe on a page: one line per blocking rule, naming the page, the rule, and the first elements. */
    static List<String> violations(Browser browser, String path) {
        browser.get(path);
        browser.waitForVisible(By.tagName("body"));
        Results results = new AxeBuilder().withTags(TAGS).analyze(browser.driver());
        assertThat(results.isErrored()).as("axe ran on %s: %s", path, results.getErrorMessage()).isFalse();
        return results.getViolations().stream()
            .filter(rule -> BLOCKING.contains(rule.getImpact()))
            .map(rule -> describe(path, rule))
            .toList();
    }

    private static String describe(String path, Rule rule) {
        String nodes = rule.getNodes().stream().limit(4)
            .map(node -> String.valueOf(node.getTarget()) + " " + abbreviate(node.getHtml()))
            .collect(Collectors.joining(" | "));
        return path + " · " + rule.getImpact() + " · " + rule.getId() + " (" + rule.getNodes().size() + "×): "
                + nodes;
    }

    private static String abbreviate(String html) {
        return html == null ? "" : html.length() > 140 ? html.substring(0, 140) + "…" : html;
    }

    private static String withLang(String path, String lang) {
        return path + (path.contains("?") ? "&" : "?") + "lang=" + lang;
    }
}
