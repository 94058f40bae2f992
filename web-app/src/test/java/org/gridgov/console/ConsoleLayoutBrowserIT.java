package org.gridgov.console;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's layout for a working day: a left menu grouped by module showing only what the role may open, a
 * breadcrumb and page header on every page, usable at 1024 px, and at a phone's 390×844 no page scrolls sideways —
 * the menu folds behind a toggle, the brand stays on one line, logout and the language switch stay on screen.
 */
@PlatformTest
class ConsoleLayoutBrowserIT {

    static final List<String> ADMIN_PAGES = List.of("/", "/grids", "/grids/import", "/cards", "/residents",
            "/residents/care", "/residents/worklist", "/residents/housing", "/residents/campaigns", "/residents/import",
            "/incidents", "/incidents/new", "/incidents/map", "/incidents/figures", "/incidents/settings", "/points",
            "/points/review", "/points/catalogue", "/points/mall", "/points/pool", "/points/ledger", "/points/rankings",
            "/participation", "/participation/activities", "/participation/questionnaires", "/participation/topics",
            "/participation/projects", "/admin/users", "/admin/audit", "/admin/webhooks", "/account");

    static final List<String> GRID_WORKER_PAGES = List.of("/", "/grids", "/cards", "/residents", "/residents/care",
            "/residents/worklist", "/incidents", "/incidents/new", "/incidents/map", "/points", "/participation",
            "/account");

    @LocalServerPort
    int port;

    HttpTestClient admin;
    TestTree tree;
    AccountFixture accounts;

    @BeforeEach
    void tree() {
        admin = ApiLogin.admin(port);
        tree = new GridTreeFixture(admin).tree();
        accounts = new AccountFixture(port, admin);
    }

    @Test
    void at_390_by_844_no_console_page_scrolls_sideways_and_the_menu_logout_and_language_stay_reachable() {
        String gridWorker = accounts.account("GRID_WORKER", ",\"scopeNodeId\":" + tree.micro().id());
        String community = accounts.account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + tree.community().id());
        List<String> problems = new ArrayList<>();
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).viewport(390, 844);
            assertThat(((Number) browser.script("return window.innerWidth;")).intValue()).isEqualTo(390);
            for (String page : ADMIN_PAGES) {
                checkPhonePage(browser, page, problems);
                checkPhonePage(browser, page + (page.contains("?") ? "&" : "?") + "lang=en", problems);
            }
        }
        for (String user : List.of(gridWorker, community)) {
            try (Browser browser = Browser.open(port)) {
                browser.login(user, AccountFixture.PASSWORD).viewport(390, 844);
                for (String page : GRID_WORKER_PAGES) {
                    checkPhonePage(browser, page, problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void at_1024_the_left_menu_breadcrumb_and_page_header_show_and_nothing_scrolls_sideways() {
        List<String> problems = new ArrayList<>();
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).viewport(1024, 768);
            for (String page : ADMIN_PAGES) {
                browser.get(page + "?lang=en");
                browser.waitForVisible(By.tagName("main"));
                if (!browser.find(By.id("side-menu")).isDisplayed()) {
                    problems.add(page + ": the left menu is hidden at 1024 px");
                }
                if (browser.find(By.id("menu-toggle")).isDisplayed()) {
                    problems.add(page + ": the phone menu toggle shows at 1024 px");
                }
                if (!browser.find(By.cssSelector("main h1")).isDisplayed()) {
                    problems.add(page + ": no page header");
                }
                if (!browser.find(By.id("breadcrumb")).isDisplayed()) {
                    problems.add(page + ": no breadcrumb");
                }
                long overflow = overflow(browser);
                if (overflow > 0) {
                    problems.add(page + ": page is " + overflow + " px wider than the window");
                }
            }
            // the breadcrumb names the module and the page; the menu marks where the user is
            browser.get("/points/ledger?lang=en");
            assertThat(browser.texts(By.cssSelector("#breadcrumb li"))).containsExactly("Home", "Points", "Ledger");
            assertThat(browser.find(By.cssSelector("#side-menu a[aria-current='page']")).getText()).isEqualTo("Ledger");
            browser.get("/residents/care?lang=zh_CN");
            assertThat(browser.texts(By.cssSelector("#breadcrumb li"))).containsExactly("首页", "人口管理", "关爱看板");
            // a page below a menu entry links back to it
            browser.get("/grids/" + tree.micro().id() + "?lang=en");
            assertThat(browser.texts(By.cssSelector("#breadcrumb li"))).containsExactly("Home", "Grid management", "Grids");
            assertThat(browser.find(By.cssSelector("#breadcrumb li:last-child a")).getAttribute("href"))
                .endsWith("/grids");
            // the admin's menu has every module
            assertThat(browser.texts(By.cssSelector("#side-menu .menu-group h2"))).containsExactly("Grid management",
                    "Residents", "Incidents", "Points", "Participation", "Integration", "Administration");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_menu_shows_only_the_entries_the_role_may_open() {
        String gridWorker = accounts.account("GRID_WORKER", ",\"scopeNodeId\":" + tree.micro().id());
        try (Browser browser = Browser.open(port)) {
            browser.login(gridWorker, AccountFixture.PASSWORD).get("/?lang=en");
            List<String> links = browser.findAll(By.cssSelector("#side-menu a")).stream()
                .map(a -> a.getAttribute("id")).toList();
            assertThat(links).contains("nav-grids", "nav-residents", "nav-incidents", "nav-points",
                    "nav-participation", "nav-account");
            assertThat(links).doesNotContain("nav-users", "nav-audit", "nav-webhooks", "nav-points-review",
                    "nav-grid-import", "nav-incident-settings");
            // every entry it shows opens a page, not a 403
            List<String> hrefs = browser.findAll(By.cssSelector("#side-menu a")).stream()
                .map(a -> a.getAttribute("href")).filter(h -> !h.contains("swagger")).toList();
            for (String href : hrefs) {
                browser.driver().get(href);
                assertThat(browser.findAll(By.id("side-menu"))).as(href).isNotEmpty();
            }
        }
    }

    private static void checkPhonePage(Browser browser, String page, List<String> problems) {
        browser.get(page);
        browser.waitForVisible(By.tagName("main"));
        long overflow = overflow(browser);
        if (overflow > 0) {
            problems.add(page + ": page is " + overflow + " px wider than the 390 px window ("
                    + browser.script(WIDEST) + ")");
        }
        WebElement brand = browser.find(By.cssSelector(".topbar .brand"));
        if (brand.getSize().getHeight() > 30) {
            problems.add(page + ": the brand wraps (" + brand.getSize().getHeight() + " px high)");
        }
        for (String id : List.of("logout-button", "language-switch", "menu-toggle")) {
            WebElement element = browser.find(By.id(id));
            if (!element.isDisplayed() || element.getRect().getX() + element.getRect().getWidth() > 390) {
                problems.add(page + ": #" + id + " is not on screen");
            }
        }
        if (browser.find(By.id("side-menu")).isDisplayed()) {
            problems.add(page + ": the menu is open before the toggle is pressed");
        }
        browser.find(By.id("menu-toggle")).click();
        if (!browser.find(By.id("nav-points")).isDisplayed()) {
            problems.add(page + ": the toggle does not open the menu");
        }
        else if (overflow(browser) > 0) {
            problems.add(page + ": the open menu makes the page scroll sideways");
        }
        browser.find(By.id("menu-toggle")).click();
        if (browser.find(By.id("side-menu")).isDisplayed()) {
            problems.add(page + ": the toggle does not close the menu");
        }
    }

    private static long overflow(Browser browser) {
        return ((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth;"))
            .longValue();
    }

    /** For a failure message: the elements that stick out furthest to the right. */
    static final String WIDEST = """
            var w = window.innerWidth, out = [];
            document.querySelectorAll('body *').forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.right > w + 1 && !e.closest('.table-scroll') && out.length < 6) {
                out.push(e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(r.right));
              }
            });
            return out.join(', ');
            """;
}
