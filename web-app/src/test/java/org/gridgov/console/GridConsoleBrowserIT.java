package org.gridgov.console;

import java.util.List;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;

import org.gridgov.identity.SystemAuthentication;
import org.junit.jupiter.api.AfterEach;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.gridgov.PlatformTest;
import org.gridgov.grid.AssignStaffCommand;
import org.gridgov.grid.CreateGridNodeCommand;
import org.gridgov.grid.GridNodeService;
import org.gridgov.grid.GridNodeView;
import org.gridgov.grid.GridStaffService;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grid pages in a real browser: the lazy tree, the node page with its Leaflet map, staff and children, and the
 * language switch. The tree lies around 60–66°E, 40–45°N, where no other test draws grids (its district is not drawn,
 * so each test may build it there again).
 */
@PlatformTest
class GridConsoleBrowserIT {

    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    @LocalServerPort
    int port;

    @Autowired
    GridNodeService grids;

    @Autowired
    GridStaffService staff;

    GridNodeView district;
    GridNodeView street;
    GridNodeView community;
    GridNodeView general;
    GridNodeView firstMicro;
    GridNodeView secondMicro;
    String worker;

    /** The test thread sets up data as the city-wide system actor; the browser logs in on its own. */
    @BeforeEach
    void buildATree() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                SystemAuthentication.NAME, null, List.of(new SimpleGrantedAuthority("ROLE_SYSTEM_ADMIN"))));
        long n = Unique.next();
        // the district has no boundary: every test builds its tree here again, and drawn districts may not overlap
        district = create("D", "锦江测试区" + n, GridType.DISTRICT, null, null);
        street = create("S", "春熙测试街道" + n, GridType.STREET, district, rectangle(60.5, 40.5, 65.5, 44.5));
        community = create("C", "红星测试社区" + n, GridType.COMMUNITY, street, rectangle(61, 41, 65, 44));
        general = create("G", "第一网格" + n, GridType.GENERAL_GRID, community, rectangle(61.5, 41.5, 64.5, 43.5));
        firstMicro = create("M", "一号微网格" + n, GridType.MICRO_GRID, general, rectangle(62, 42, 63, 43));
        secondMicro = create("M", "二号微网格" + n, GridType.MICRO_GRID, general, rectangle(63, 42, 64, 43));
        worker = "王小梅" + n;
        staff.assign(firstMicro.id(), new AssignStaffCommand(worker, StaffRole.MICRO_GRID_WORKER, "028-84561234",
                true, null, null));
    }

    @AfterEach
    void leaveSystem() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void browses_the_tree_down_to_a_micro_grid_and_sees_its_map_and_worker() {
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/grids");
            assertThat(browser.waitForVisible(By.cssSelector("h1")).getText()).isEqualTo("网格");

            showDistrict(browser);
            expand(browser, district, street);
            expand(browser, street, community);
            expand(browser, community, general);
            assertThat(treeRow(browser, general).findElement(By.cssSelector(".badge")).getText())
                .isEqualTo("一般网格");
            treeRow(browser, general).findElement(By.cssSelector(".tree-link")).click();

            browser.waitUntil(ExpectedConditions.attributeToBe(By.id("grid-map"), "data-state", "ready"));
            assertThat(browser.find(By.cssSelector("h1")).getText()).contains(general.name());
            assertThat(browser.texts(By.cssSelector(".breadcrumb li"))).containsExactly("网格", district.name(),
                    street.name(), community.name(), general.name());
            assertThat(browser.find(By.cssSelector(".breadcrumb a[aria-current=page]")).getAttribute("href"))
                .endsWith("/grids/" + general.id());
            assertThat(browser.findAll(By.cssSelector("#grid-map path.leaflet-interactive")))
                .as("the general grid's boundary and its two micro grids").hasSize(3);
            assertThat(browser.texts(By.cssSelector("#children tbody tr td:first-child")))
                .containsExactly(firstMicro.name(), secondMicro.name());

            browser.find(By.linkText(firstMicro.name())).click();

            browser.waitForVisible(By.id("staff-on-duty"));
            assertThat(browser.find(By.cssSelector("h1")).getText()).contains(firstMicro.name());
            assertThat(browser.find(By.cssSelector("#staff-on-duty tbody")).getText())
                .contains(worker, "微网格员", "028-84561234", "主责");
            assertThat(browser.find(By.id("children")).getText()).contains("该网格没有下级网格。");

            browser.get("/grids/" + firstMicro.id() + "?lang=en");

            assertThat(browser.waitForVisible(By.id("staff-title")).getText()).isEqualTo("Staff on duty");
            assertThat(browser.find(By.cssSelector("#staff-on-duty tbody")).getText())
                .contains(worker, "Micro-grid worker", "Primary");
            assertThat(browser.texts(By.cssSelector("#side-menu a"))).contains("Grids");
            assertThat(browser.texts(By.cssSelector(".breadcrumb li")).get(0)).isEqualTo("Grids");
            assertThat(browser.find(By.cssSelector("h1 .badge")).getText()).isEqualTo("Micro grid");
        }
    }

    @Test
    void opens_a_child_grid_by_clicking_its_polygon_on_the_map() {
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/grids/" + general.id() + "?lang=en");
            browser.waitUntil(ExpectedConditions.attributeToBe(By.id("grid-map"), "data-state", "ready"));
            browser.screenshot(SCREENSHOTS.resolve("grid-node.png"));

            WebElement child = browser.findAll(By.cssSelector("#grid-map path.leaflet-interactive")).get(1);
            child.click();

            browser.waitUntil(ExpectedConditions.not(ExpectedConditions.urlContains("/grids/" + general.id())));
            assertThat(browser.currentPath()).isIn("/grids/" + firstMicro.id(), "/grids/" + secondMicro.id());
            assertThat(browser.find(By.cssSelector("h1 .badge")).getText()).isEqualTo("Micro grid");
        }
    }

    @Test
    void shows_a_message_instead_of_a_map_for_a_grid_without_a_boundary() {
        GridNodeView unmapped = create("D", "未划界测试区", GridType.DISTRICT, null, null);

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/grids/" + unmapped.id());

            assertThat(browser.waitForVisible(By.id("no-boundary")).getText()).isEqualTo("该网格尚未划定边界。");
            assertThat(browser.findAll(By.id("grid-map"))).isEmpty();
            assertThat(browser.find(By.id("staff-on-duty")).getText()).contains("该网格暂无在岗人员。");
        }
    }

    @Test
    void serves_the_map_as_a_feature_collection_of_the_grid_and_its_children() {
        var response = HttpTestClient.at(port).basicAuth(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD)
            .get("/grids/" + general.id() + "/map.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/geo+json");
        var features = response.json().path("features");
        assertThat(response.json().path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(features).hasSize(3);
        assertThat(features.get(0).path("properties").path("role").asString()).isEqualTo("self");
        assertThat(features.get(0).path("properties").path("code").asString()).isEqualTo(general.code());
        assertThat(features.get(0).path("geometry").path("type").asString()).isEqualTo("Polygon");
        assertThat(features.get(1).path("properties").path("role").asString()).isEqualTo("child");
        assertThat(features.get(1).path("properties").path("type").asString()).isEqualTo("MICRO_GRID");
        assertThat(features.get(1).path("properties").path("id").asLong()).isEqualTo(firstMicro.id());
        assertThat(features.get(2).path("properties").path("name").asString()).isEqualTo(secondMicro.name());
    }

    @Test
    void a_community_page_lists_and_draws_the_area_no_micro_grid_covers() {
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/grids/" + community.id() + "?lang=en");
            browser.waitUntil(ExpectedConditions.attributeToBe(By.id("grid-map"), "data-state", "ready"));

            WebElement row = browser.find(By.cssSelector("#figures-coverage tr[data-code='" + community.code() + "']"));
            assertThat(row.getText()).contains(community.name()).contains("83.3 %");
            assertThat(row.getAttribute("class")).contains("warn");
            assertThat(browser.find(By.id("grid-map")).getAttribute("data-gaps")).isEqualTo("1");
            assertThat(browser.findAll(By.cssSelector("#grid-map path[stroke='#e65100']"))).hasSize(1);
            assertThat(browser.find(By.cssSelector(".map-legend")).getText()).contains("Not covered by any micro grid");
            browser.screenshot(SCREENSHOTS.resolve("grid-coverage-gaps.png"));
        }
    }

    @Test
    void a_change_of_a_grid_is_in_the_audit_log_with_its_values_before_and_after() {
        String renamed = "第一网格（已更名）" + Unique.next();
        grids.change(general.id(), renamed, true, grids.get(general.id()).version());

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/admin/audit?lang=en&action=GRID_CHANGED");
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit td.detail")));

            WebElement name = browser.find(By.cssSelector("#audit td.detail tr[data-field='name']"));
            assertThat(name.findElement(By.cssSelector("td.before")).getText()).isEqualTo(general.name());
            assertThat(name.findElement(By.cssSelector("td.after")).getText()).isEqualTo(renamed);
            assertThat(name.getAttribute("class")).contains("changed");
            WebElement party = browser.find(By.cssSelector("#audit td.detail tr[data-field='partyOrganisation']"));
            assertThat(party.findElement(By.cssSelector("td.before")).getText()).isEqualTo("false");
            assertThat(party.findElement(By.cssSelector("td.after")).getText()).isEqualTo("true");
            assertThat(browser.find(By.cssSelector("#audit thead")).getText()).contains("Detail");
            assertThat(browser.find(By.cssSelector("#audit td.detail thead")).getText()).contains("Before", "After");
        }
    }

    @Test
    void answers_an_unknown_grid_with_a_not_found_page() {
        var response = HttpTestClient.at(port).basicAuth(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD)
            .header("Accept", "text/html")
            .get("/grids/" + Long.MAX_VALUE);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("404");
    }

    /** Brings the district's row into the tree, loading further pages of districts if other tests made many. */
    private void showDistrict(Browser browser) {
        By row = treeItem(district);
        browser.waitForVisible(By.id("grid-tree"));
        while (browser.findAll(row).isEmpty()) {
            WebElement more = browser.waitForClickable(By.cssSelector("#grid-tree > .tree-more button"));
            more.click();
            browser.waitUntilGone(more);
        }
        browser.waitForVisible(row);
    }

    private void expand(Browser browser, GridNodeView parent, GridNodeView child) {
        browser.waitUntil(ExpectedConditions.elementToBeClickable(
                treeRow(browser, parent).findElement(By.cssSelector(".tree-expander")))).click();
        browser.waitForVisible(treeItem(child));
        assertThat(browser.find(treeItem(parent)).getAttribute("aria-expanded")).isEqualTo("true");
    }

    private WebElement treeRow(Browser browser, GridNodeView node) {
        return browser.find(treeItem(node)).findElement(By.cssSelector(":scope > .tree-row"));
    }

    private static By treeItem(GridNodeView node) {
        return By.cssSelector("li.tree-node[data-code='" + node.code() + "']");
    }

    private GridNodeView create(String prefix, String name, GridType type, GridNodeView parent, String boundary) {
        return grids.create(new CreateGridNodeCommand(
                GridTreeFixture.codeFor(type.name(), parent == null ? null : parent.code()), name, type,
                parent == null ? null : parent.code(), false, boundary));
    }

    private static String rectangle(double minLng, double minLat, double maxLng, double maxLat) {
        return String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}", minLng, minLat,
                maxLng, minLat, maxLng, maxLat, minLng, maxLat, minLng, minLat);
    }
}
