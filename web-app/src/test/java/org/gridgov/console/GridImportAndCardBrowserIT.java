package org.gridgov.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.gridgov.PlatformTest;
import org.gridgov.grid.AssignStaffCommand;
import org.gridgov.grid.DepartmentService;
import org.gridgov.grid.DutyService;
import org.gridgov.grid.GridNodeService;
import org.gridgov.grid.GridStaffService;
import org.gridgov.grid.StaffRole;
import org.gridgov.identity.SystemAuthentication;
import org.gridgov.shared.DomainException;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console's hierarchy import (upload form, job page with its self-polling progress, the error report), the grid
 * card preview and the figures section of the node page, in a real browser. Every imported tree lies in its own cell
 * of 50–55°E, 35–38°N, where no other test draws grids, so a point locates exactly one grid.
 */
@PlatformTest
class GridImportAndCardBrowserIT {

    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    @LocalServerPort
    int port;

    @Autowired
    GridNodeService grids;

    @Autowired
    GridStaffService staff;

    @Autowired
    DutyService duties;

    @Autowired
    DepartmentService departments;

    @TempDir
    Path files;

    /** The test thread sets up data as the city-wide system actor; the browser logs in on its own. */
    @BeforeEach
    void actAsSystem() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                SystemAuthentication.NAME, null, List.of(new SimpleGrantedAuthority("ROLE_SYSTEM_ADMIN"))));
    }

    @AfterEach
    void leaveSystem() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void imports_a_geojson_hierarchy_and_follows_its_progress_until_it_succeeded() {
        Tree tree = Tree.at(50.0, 35.0);

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/grids");
            browser.waitForClickable(By.id("import-link")).click();
            browser.waitForVisible(By.id("import-form"));
            assertThat(browser.find(By.cssSelector(".import-formats")).getText())
                .contains("FeatureCollection", "code,name,type,parentCode");
            browser.screenshot(SCREENSHOTS.resolve("import-form.png"));

            upload(browser, write("tree.geojson", tree.geoJson()), null);

            assertThat(browser.currentPath()).matches("/grids/import/\\d+");
            assertThat(browser.find(By.id("import-file-name")).getText()).isEqualTo("tree.geojson");
            waitForStatus(browser, "SUCCEEDED");
            assertThat(browser.find(By.id("import-status")).getText()).isEqualTo("成功");
            WebElement bar = browser.find(By.id("import-progress-bar"));
            assertThat(bar.getAttribute("aria-valuenow")).isEqualTo("100");
            assertThat(bar.findElement(By.cssSelector(".progress-fill")).getAttribute("style")).contains("width: 100%");
            assertThat(browser.find(By.id("import-created")).getText()).isEqualTo("6");
            assertThat(browser.find(By.id("import-updated")).getText()).isEqualTo("0");
            assertThat(browser.find(By.id("import-progress")).getAttribute("hx-trigger"))
                .as("a finished job stops polling").isNull();
            assertThat(browser.findAll(By.id("import-errors"))).isEmpty();

            browser.get(browser.currentPath() + "?lang=en");
            waitForStatus(browser, "SUCCEEDED");
            assertThat(browser.find(By.id("import-status")).getText()).isEqualTo("Succeeded");
            browser.screenshot(SCREENSHOTS.resolve("import-job-succeeded.png"));
            String jobPath = browser.currentPath().replace("?lang=en", "");

            browser.get("/grids/import");
            WebElement row = browser.waitForVisible(By.cssSelector("#import-jobs tbody tr"));
            assertThat(row.findElement(By.cssSelector("a")).getAttribute("href")).endsWith(jobPath);
            assertThat(row.getText()).contains("tree.geojson", "Succeeded", "6 created", PlatformTest.ADMIN);
        }
        assertThat(grids.getByCode(tree.micro2).name()).isEqualTo(tree.name(tree.micro2));
    }

    @Test
    void fails_an_import_with_an_unknown_parent_and_reports_the_feature_and_field() {
        String district = Unique.districtCode();
        String street = district + "001";
        String unknown = Unique.code("NONE");
        String file = featureCollection(List.of(
                feature(district, "导入失败测试区", "DISTRICT", null, rectangle(52.6, 37.6, 52.9, 37.9)),
                feature(street, "导入失败测试街道", "STREET", unknown, rectangle(52.65, 37.65, 52.85, 37.85))));

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/grids/import");
            upload(browser, write("broken.json", file), "GEOJSON");

            waitForStatus(browser, "FAILED");
            assertThat(browser.find(By.id("import-status")).getText()).isEqualTo("失败");
            assertThat(browser.find(By.id("import-progress")).getAttribute("hx-trigger")).isNull();
            assertThat(browser.findAll(By.id("import-counts"))).isEmpty();
            List<WebElement> rows = browser.findAll(By.cssSelector("#import-errors tbody tr"));
            assertThat(rows).hasSize(1);
            assertThat(cells(rows.get(0))).containsExactly("2", street, "上级编码", "grid.import.unknown-parent",
                    "上级网格既不在文件中，也不在平台中");
            assertThat(rows.get(0).findElements(By.cssSelector("td")).get(4).getDomAttribute("title"))
                .as("the server's words, naming the missing grid, on hover").contains(unknown);
            browser.get(browser.currentPath() + "?lang=en");
            waitForStatus(browser, "FAILED");
            browser.screenshot(SCREENSHOTS.resolve("import-job-failed.png"));
        }
        assertThatThrownBy(() -> grids.getByCode(district)).as("a failed import writes nothing")
            .isInstanceOf(DomainException.class);
    }

    @Test
    void rejects_a_file_of_unknown_format_on_the_form() {
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/grids/import?lang=en");
            upload(browser, write("grids.txt", "code,name,type,parentCode\n"), null);

            assertThat(browser.waitForVisible(By.id("import-rejection")).getText()).startsWith("Unknown file format");
            assertThat(browser.currentPath()).startsWith("/grids/import");
            assertThat(browser.findAll(By.id("import-form"))).hasSize(1);
        }
    }

    @Test
    void previews_the_card_of_an_imported_micro_grid_with_its_worker_and_phone() {
        Tree tree = Tree.at(52.5, 35.0);
        long n = Unique.next();
        String worker = "李春燕" + n;
        String generalWorker = "赵建国" + n;

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/grids/import");
            upload(browser, write("card-tree.geojson", tree.geoJson()), null);
            waitForStatus(browser, "SUCCEEDED");

            staff.assign(grids.getByCode(tree.micro1).id(), new AssignStaffCommand(worker,
                    StaffRole.MICRO_GRID_WORKER, "028-8765 4321", true, null, null));
            staff.assign(grids.getByCode(tree.general).id(), new AssignStaffCommand(generalWorker,
                    StaffRole.GENERAL_GRID_WORKER, "028-11112222", true, null, null));

            browser.get("/cards?code=" + tree.micro1);
            WebElement card = browser.waitForVisible(By.id("grid-card"));
            assertThat(browser.find(By.id("card-grid-name")).getText()).isEqualTo(tree.name(tree.micro1));
            assertThat(browser.texts(By.cssSelector("#card-chain li"))).containsExactly(tree.name(tree.district),
                    tree.name(tree.street), tree.name(tree.community), tree.name(tree.general), tree.name(tree.micro1));
            assertThat(browser.find(By.id("card-worker-name")).getText()).isEqualTo(worker);
            WebElement phone = browser.find(By.id("card-phone"));
            assertThat(phone.getText()).contains("028-8765 4321");
            assertThat(phone.getAttribute("href")).isEqualTo("tel:02887654321");
            assertThat(browser.findAll(By.cssSelector("#card-duties li"))).isNotEmpty();
            assertThat(browser.findAll(By.id("card-served-from"))).isEmpty();
            assertThat(browser.find(By.id("card-public-url")).getText())
                .endsWith("/api/v1/public/grid-cards/" + tree.micro1);
            assertThat(card.getSize().getWidth()).as("phone width").isLessThanOrEqualTo(400);

            browser.get("/cards?code=" + tree.micro2 + "&lang=en");
            assertThat(browser.waitForVisible(By.id("card-worker-name")).getText()).isEqualTo(generalWorker);
            assertThat(browser.find(By.id("card-served-from")).getText()).contains(tree.name(tree.general));
            browser.screenshot(SCREENSHOTS.resolve("grid-card-served-from.png"));

            browser.get("/cards?lang=en");
            browser.waitForVisible(By.id("card-lat")).sendKeys("35.75");
            browser.find(By.id("card-lng")).sendKeys("53.3");
            new Select(browser.find(By.id("card-coord-system"))).selectByValue("WGS84");
            browser.find(By.id("card-location-submit")).click();
            assertThat(browser.waitForVisible(By.id("card-grid-name")).getText()).isEqualTo(tree.name(tree.micro1));
            assertThat(browser.find(By.id("card-worker-name")).getText()).isEqualTo(worker);
            browser.screenshot(SCREENSHOTS.resolve("grid-card.png"));

            browser.get("/cards?code=NO-SUCH-GRID&lang=en");
            assertThat(browser.waitForVisible(By.id("card-problem")).getText()).isEqualTo("No active grid has this code.");
        }
    }

    @Test
    void shows_the_figures_of_an_imported_general_grid_on_its_node_page() {
        Tree tree = Tree.at(50.0, 36.5);

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/grids/import");
            upload(browser, write("figures-tree.geojson", tree.geoJson()), null);
            waitForStatus(browser, "SUCCEEDED");
            staff.assign(grids.getByCode(tree.micro1).id(), new AssignStaffCommand("周敏" + Unique.next(),
                    StaffRole.MICRO_GRID_WORKER, "028-66668888", true, null, null));

            long general = grids.getByCode(tree.general).id();
            browser.get("/grids/" + general);
            WebElement figures = browser.waitForVisible(By.id("grid-figures"));
            assertThat(figureValue(browser, "#figures-descendants [data-type=MICRO_GRID]")).isEqualTo("2");
            assertThat(browser.find(By.cssSelector("#figures-descendants [data-type=MICRO_GRID] dt")).getText())
                .isEqualTo("微网格");
            assertThat(figureValue(browser, "#figures-staff [data-role=MICRO_GRID_WORKER]")).isEqualTo("1");
            assertThat(figureValue(browser, "#figures-gaps [data-gap=without-worker]"))
                .as("the general grid and the second micro grid").isEqualTo("2");
            assertThat(figureValue(browser, "#figures-gaps [data-gap=without-boundary]")).isEqualTo("0");
            assertThat(browser.find(By.id("grid-duties")).getText()).contains("职责清单");
            assertThat(browser.find(By.id("card-preview-link")).getAttribute("href"))
                .endsWith("/cards?code=" + tree.general);

            assertThat(browser.find(By.cssSelector("[data-key='incidents.acceptedWithin24hRate'] dt")).getText())
                .isEqualTo("24小时内受理率");
            assertThat(browser.find(By.cssSelector("[data-key='incidents.resolvedOnTimeRate'] dd")).getText())
                .as("no report decided yet in a grid just imported").isEqualTo("尚无数据（还没有可计算的记录）");
            assertThat(browser.find(By.id("figures-extensions")).getText()).as("figures in words, not keys or null")
                .doesNotContain("null", "Rate", "Coverage", "{", "=");

            browser.get("/grids/" + general + "?lang=en");
            figures = browser.waitForVisible(By.id("grid-figures"));
            assertThat(figures.getText()).contains("Figures", "Micro grid", "Grids without a primary worker");
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", figures);
            browser.screenshot(SCREENSHOTS.resolve("grid-node-figures.png"));

            long micro = grids.getByCode(tree.micro1).id();
            duties.approve(micro, StaffRole.MICRO_GRID_WORKER, "FLOOD_PATROL", "汛期河道巡查", "汛期临时任务", "街道办",
                    LocalDate.now().plusMonths(3));
            browser.get("/grids/" + micro);
            browser.waitForVisible(By.id("grid-duties"));
            assertThat(browser.texts(By.cssSelector("#duty-list [data-role=MICRO_GRID_WORKER] li")))
                .as("the micro grid worker's duty list").isNotEmpty();
            assertThat(browser.find(By.cssSelector("#admissions tbody tr")).getText())
                .contains("汛期河道巡查", "FLOOD_PATROL", "汛期临时任务", "街道办");
            assertThat(browser.findAll(By.id("departments"))).as("departments attach to districts and streets")
                .isEmpty();

            long district = grids.getByCode(tree.district).id();
            departments.create(Unique.code("DEP"), "区住建局", "HOUSING", district, "028-12345678");
            browser.get("/grids/" + district);
            assertThat(browser.waitForVisible(By.cssSelector("#departments tbody tr")).getText())
                .contains("区住建局", "Housing", "028-12345678");
        }
    }

    private static String figureValue(Browser browser, String row) {
        return browser.find(By.cssSelector(row + " dd")).getText();
    }

    private static void upload(Browser browser, Path file, String format) {
        browser.waitForVisible(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        if (format != null) {
            new Select(browser.find(By.id("import-format"))).selectByValue(format);
        }
        WebElement submit = browser.find(By.id("import-submit"));
        submit.click();
        browser.waitUntilGone(submit);
    }

    /** Waits (the progress panel polls every second) until the job page shows {@code status}. */
    private static void waitForStatus(Browser browser, String status) {
        browser.waitUntil(driver -> {
            try {
                return status.equals(driver.findElement(By.id("import-progress")).getAttribute("data-status"));
            }
            catch (StaleElementReferenceException | NoSuchElementException ex) {
                return false; // swapped by the poll between finding and reading it
            }
        });
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(files.resolve(name), content, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A district ⊃ street ⊃ community ⊃ general grid ⊃ two micro grids with fresh codes, drawn in the 2.5° × 1.5°
     * cell whose south-west corner is ({@code lng}, {@code lat}).
     */
    record Tree(String district, String street, String community, String general, String micro1, String micro2,
            long n, double lng, double lat) {

        static Tree at(double lng, double lat) {
            String district = Unique.districtCode();
            String community = district + "001001";
            return new Tree(district, district + "001", community, community + "G01", community + "G01M01",
                    community + "G01M02", Unique.next(), lng, lat);
        }

        String name(String code) {
            String kind = code.equals(district) ? "导入测试区" : code.equals(street) ? "导入测试街道"
                    : code.equals(community) ? "导入测试社区" : code.equals(general) ? "导入一般网格"
                    : code.equals(micro1) ? "导入一号微网格" : "导入二号微网格";
            return kind + n;
        }

        String geoJson() {
            List<String> features = new ArrayList<>();
            features.add(feature(district, name(district), "DISTRICT", null, box(0.05, 0.05, 2.45, 1.45)));
            features.add(feature(street, name(street), "STREET", district, box(0.1, 0.1, 2.4, 1.4)));
            features.add(feature(community, name(community), "COMMUNITY", street, box(0.2, 0.2, 2.3, 1.3)));
            features.add(feature(general, name(general), "GENERAL_GRID", community, box(0.3, 0.3, 2.2, 1.2)));
            features.add(feature(micro1, name(micro1), "MICRO_GRID", general, box(0.4, 0.4, 1.2, 1.1)));
            features.add(feature(micro2, name(micro2), "MICRO_GRID", general, box(1.3, 0.4, 2.1, 1.1)));
            return featureCollection(features);
        }

        private String box(double west, double south, double east, double north) {
            return rectangle(lng + west, lat + south, lng + east, lat + north);
        }
    }

    static String featureCollection(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    static String feature(String code, String name, String type, String parentCode, String geometry) {
        return String.format(Locale.ROOT, """
                {"type":"Feature","properties":{"code":"%s","name":"%s","type":"%s","parentCode":%s},"geometry":%s}""",
                code, name, type, parentCode == null ? "null" : "\"" + parentCode + "\"", geometry);
    }

    static String rectangle(double minLng, double minLat, double maxLng, double maxLat) {
        return String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}", minLng, minLat,
                maxLng, minLat, maxLng, maxLat, minLng, maxLat, minLng, minLat);
    }
}
