package org.gridgov.console;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.chromium.HasNetworkConditions;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.resident.IdNumbers;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestAreas;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phone web app ({@code /m/}) at 390×844 in a real Chromium: a grid worker's queue receives a resident's new
 * report live and the worker accepts and resolves it with a photo; a resident's report typed without signal is sent
 * once when the signal is back (and a resend of it does not report twice); no phone page scrolls sideways and every
 * button and link is at least 44 px tall.
 */
@PlatformTest
class PhoneWebAppBrowserIT {

    static final String PASSWORD = "phone-web-app-1";
    /** Taken by the test and linked from the README: the phone queue as a grid worker sees it. */
    static final Path QUEUE_SCREENSHOT = Path.of("..", "docs", "screenshots", "phone-queue.png");

    @LocalServerPort
    int port;

    HttpTestClient admin;
    double lng;
    double lat;
    JsonNode micro;
    JsonNode community;
    String resident;
    String gridWorker;

    @BeforeEach
    void setUpTreeAndAccounts() {
        admin = ApiLogin.admin(port);
        double[] cell = TestAreas.small();
        lng = cell[0] + 0.01;
        lat = cell[1] + 0.01;
        JsonNode district = grid("DISTRICT", null, 0.04);
        JsonNode street = grid("STREET", district, 0.03);
        community = grid("COMMUNITY", street, 0.02);
        JsonNode general = grid("GENERAL_GRID", community, 0.01);
        micro = grid("MICRO_GRID", general, 0.005);
        assertThat(admin.post("/api/v1/grids/" + micro.path("id").asLong() + "/staff",
                "{\"personName\":\"李网格\",\"role\":\"MICRO_GRID_WORKER\",\"primaryWorker\":true}").status())
            .isEqualTo(201);
        resident = account("RESIDENT", "");
        gridWorker = account("GRID_WORKER", ",\"scopeNodeId\":" + micro.path("id").asLong());
    }

    @Test
    void a_grid_worker_sees_a_new_report_arrive_live_accepts_it_and_resolves_it_with_a_photo() {
        HttpTestClient residentApi = ApiLogin.as(port, resident, PASSWORD);
        long id;
        try (Browser phone = Browser.open(port)) {
            phone.viewport(390, 844);
            phone.login(gridWorker, PASSWORD).get("/m/queue?lang=en");
            phone.waitUntil(d -> !d.findElements(By.cssSelector("#queue[data-loaded='true']")).isEmpty());
            phone.waitForVisible(By.cssSelector("#queue-live[data-state='live']"));

            // the resident reports through the API while the worker's queue is open
            var reported = residentApi.header("Idempotency-Key", UUID.randomUUID().toString()).post(
                    "/api/v1/incidents", "{\"category\":\"ENVIRONMENT\",\"description\":\"楼道堆放杂物堵塞消防通道\","
                            + "\"gridCode\":\"" + micro.path("code").asString() + "\"}");
            assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
            id = reported.json().path("incident").path("id").asLong();

            WebElement arrived = phone.waitForVisible(By.cssSelector("#queue li.fresh[data-id='" + id + "']"));
            assertThat(arrived.getText()).contains("楼道堆放杂物").contains("Submitted");
            assertThat(phone.find(By.id("queue-news")).getText()).contains(reported.json().path("incident")
                .path("trackingCode").asString());
            phone.screenshot(QUEUE_SCREENSHOT);

            arrived.findElement(By.cssSelector("a")).click();
            phone.waitForClickable(By.id("move-accept")).click();
            phone.waitUntil(d -> "ACCEPTED".equals(d.findElement(By.id("incident-state")).getAttribute("data-state")));

            phone.waitForVisible(By.id("move-text")).sendKeys("已清理杂物，通道畅通");
            phone.find(By.id("move-photo")).sendKeys(photo().toString());
            phone.waitForClickable(By.id("move-resolve")).click();
            phone.waitUntil(d -> "RESOLVED".equals(d.findElement(By.id("incident-state")).getAttribute("data-state")));
            phone.waitForVisible(By.cssSelector("#incident-photos img"));
            assertNoSidewaysAndThumbSized(phone, "/m/incidents/" + id);
        }
        assertThat(residentApi.get("/api/v1/incidents/" + id).json().path("state").asString()).isEqualTo("RESOLVED");
        assertThat(admin.get("/api/v1/incidents/" + id + "/photos").json().size()).as("the photo taken on site")
            .isEqualTo(1);
    }

    @Test
    void a_report_typed_without_signal_is_sent_once_when_the_signal_is_back() {
        String description = "路灯不亮 " + Unique.next();
        HttpTestClient residentApi = ApiLogin.as(port, resident, PASSWORD);
        try (Browser phone = Browser.open(port)) {
            phone.viewport(390, 844);
            phone.login(resident, PASSWORD).get("/m/report?lang=en&grid=" + micro.path("code").asString());
            phone.waitForVisible(By.id("report-description"));
            // the page has its token before the signal goes (as a page opened earlier would)
            phone.script("return window.GridGovPhone.token();");

            HasNetworkConditions network = (HasNetworkConditions) phone.driver();
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            network.setNetworkConditions(offline);
            phone.waitUntil(d -> Boolean.FALSE.equals(phone.script("return navigator.onLine;")));

            phone.find(By.id("report-description")).sendKeys(description);
            phone.find(By.id("report-photo")).sendKeys(photo().toString());
            phone.find(By.id("report-submit")).click();
            phone.waitForVisible(By.cssSelector("#report-message[data-result='queued']"));
            assertThat(phone.waitForVisible(By.id("phone-outbox-count")).getText()).isEqualTo("1");
            Object queued = phone.script("return window.localStorage.getItem('gridgov.phone.outbox');");
            assertThat(mine(residentApi, description)).as("nothing reached the server without signal").isEmpty();

            network.deleteNetworkConditions();
            phone.waitUntil(d -> "sent".equals(d.findElement(By.id("report-message")).getAttribute("data-result")));
            phone.waitUntil(d -> d.findElement(By.id("phone-outbox")).getAttribute("hidden") != null);
            assertThat(mine(residentApi, description)).hasSize(1);

            // the same item sent again (a resend after a lost answer): its Idempotency-Key returns the first report
            phone.script("window.localStorage.setItem('gridgov.phone.outbox', arguments[0]);"
                    + "return window.GridGovPhone.flush();", queued);
            phone.waitUntil(d -> "0".equals(String.valueOf(
                    phone.script("return String(window.GridGovPhone.outbox().length);"))));
        }
        List<JsonNode> arrived = mine(residentApi, description);
        assertThat(arrived).hasSize(1);
        assertThat(residentApi.get("/api/v1/incidents/" + arrived.get(0).path("id").asLong() + "/photos").json().size())
            .as("the photo taken offline came with it").isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_visit_due_is_coloured_and_a_visit_typed_without_signal_is_recorded_once_when_the_signal_is_back() {
        long person = elderlyUnderCare();
        HttpTestClient workerApi = ApiLogin.as(port, gridWorker, PASSWORD);
        try (Browser phone = Browser.open(port)) {
            phone.viewport(390, 844);
            phone.login(gridWorker, PASSWORD).get("/m/visits?lang=en");
            WebElement due = phone.waitForVisible(By.cssSelector("#visits li[data-resident='" + person + "']"));
            // just put under care: the first visit falls due later (amber within 3 days, green after)
            assertThat(due.getAttribute("data-colour")).isIn("amber", "green");
            assertThat(due.getAttribute("class")).contains("due-" + due.getAttribute("data-colour"));
            phone.script("return window.GridGovPhone.token();");

            HasNetworkConditions network = (HasNetworkConditions) phone.driver();
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            network.setNetworkConditions(offline);
            phone.waitUntil(d -> Boolean.FALSE.equals(phone.script("return navigator.onLine;")));
            due.findElement(By.cssSelector("button[data-resident]")).click();
            phone.waitForVisible(By.id("visit-notes")).sendKeys("老人精神状态良好，药品充足");
            phone.find(By.id("visit-submit")).click();
            phone.waitForVisible(By.cssSelector("#visits-message[data-result='queued']"));
            assertThat(phone.find(By.id("phone-outbox-count")).getText()).isEqualTo("1");
            assertThat(workerApi.get("/api/v1/residents/" + person + "/visits").json().size()).isZero();

            network.deleteNetworkConditions();
            phone.waitUntil(d -> d.findElement(By.id("phone-outbox")).getAttribute("hidden") != null);
        }
        JsonNode visits = workerApi.get("/api/v1/residents/" + person + "/visits").json();
        assertThat(visits.size()).isEqualTo(1);
        assertThat(visits.get(0).path("notes").asString()).isEqualTo("老人精神状态良好，药品充足");
    }

    @Test
    void no_phone_page_scrolls_sideways_at_390_px_and_every_target_is_thumb_sized() {
        List<String> workerPages = List.of("/m", "/m/queue", "/m/report", "/m/visits", "/m/service", "/m/points",
                "/m/card");
        List<String> residentPages = List.of("/m", "/m/report", "/m/reports", "/m/card", "/m/points");
        for (String lang : List.of("zh_CN", "en")) {
            try (Browser phone = Browser.open(port)) {
                phone.viewport(390, 844);
                phone.login(gridWorker, PASSWORD);
                for (String page : workerPages) {
                    phone.get(page + "?lang=" + lang);
                    phone.waitForVisible(By.tagName("main"));
                    assertNoSidewaysAndThumbSized(phone, page);
                }
            }
            try (Browser phone = Browser.open(port)) {
                phone.viewport(390, 844);
                phone.login(resident, PASSWORD);
                for (String page : residentPages) {
                    phone.get(page + "?lang=" + lang);
                    phone.waitForVisible(By.tagName("main"));
                    assertNoSidewaysAndThumbSized(phone, page);
                }
            }
        }
    }

    @Test
    void the_manifest_and_service_worker_are_public_and_an_api_token_needs_the_signed_in_session() {
        HttpTestClient anonymous = HttpTestClient.at(port);
        var manifest = anonymous.get("/m/manifest.webmanifest?lang=en");
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(manifest.contentType()).startsWith("application/manifest+json");
        assertThat(manifest.json().path("scope").asString()).isEqualTo("/m/");
        assertThat(manifest.json().path("start_url").asString()).isEqualTo("/m/");
        assertThat(manifest.json().path("display").asString()).isEqualTo("standalone");
        var worker = anonymous.get("/m/sw.js");
        assertThat(worker.status()).isEqualTo(200);
        assertThat(worker.header("Service-Worker-Allowed")).isEqualTo("/m/");
        assertThat(worker.body()).contains("addEventListener('fetch'");
        assertThat(anonymous.get("/m/icon.svg").status()).isEqualTo(200);

        var token = anonymous.post("/m/token", "{}");
        assertThat(token.status()).as("no session, no token").isIn(302, 401, 403);
        assertThat(token.body()).doesNotContain("accessToken");
    }

    /** Nothing wider than the screen; every visible button and link at least 44 px tall (after the page's scripts). */
    private static void assertNoSidewaysAndThumbSized(Browser phone, String page) {
        // let the page's scripts fill their lists first
        phone.waitUntil(d -> "complete".equals(phone.script("return document.readyState;")));
        sleep(600);
        Object widths = phone.script("var e = document.documentElement; return [e.scrollWidth, e.clientWidth];");
        List<?> w = (List<?>) widths;
        assertThat(((Number) w.get(0)).intValue()).as(page + " scrolls sideways")
            .isLessThanOrEqualTo(((Number) w.get(1)).intValue());
        // the bar's links stand out from the bar (white on the brand colour), the language switch within reach
        assertThat(phone.script("var e = document.getElementById('language-switch'); var r = e.getBoundingClientRect();"
                + " return getComputedStyle(e).color + ' ' + (r.right <= window.innerWidth);"))
            .as(page + ": language switch").isEqualTo("rgb(255, 255, 255) true");
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) phone.script("""
                var small = [];
                document.querySelectorAll('a, button, summary, select, input:not([type=hidden]), textarea')
                  .forEach(function (e) {
                    var r = e.getBoundingClientRect();
                    if (r.width > 0 && r.height > 0 && r.height < 44) {
                      small.push(e.tagName + '#' + e.id + ' "' + (e.textContent || '').trim().slice(0, 20) + '" '
                        + Math.round(r.height) + 'px');
                    }
                  });
                return small;""");
        assertThat(new ArrayList<>(small)).as(page + ": targets under 44 px").isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<JsonNode> mine(HttpTestClient residentApi, String description) {
        List<JsonNode> found = new ArrayList<>();
        residentApi.get("/api/v1/incidents?size=100").json().path("items").forEach(i -> {
            if (description.equals(i.path("description").asString())) {
                found.add(i);
            }
        });
        return found;
    }

    /** An elderly person living in the worker's micro grid, put under RED care. */
    private long elderlyUnderCare() {
        var compound = admin.post("/api/v1/compounds", "{\"code\":\"" + Unique.code("C") + "\",\"name\":\"手机苑"
                + Unique.next() + "\",\"communityId\":" + community.path("id").asLong() + "}");
        assertThat(compound.status()).as(compound.toString()).isEqualTo(201);
        var building = admin.post("/api/v1/compounds/" + compound.json().path("id").asLong() + "/buildings",
                "{\"code\":\"1\",\"name\":\"1栋\"}");
        var dwelling = admin.post("/api/v1/buildings/" + building.json().path("id").asLong() + "/dwellings",
                "{\"unit\":\"1\",\"room\":\"101\",\"gridId\":" + micro.path("id").asLong() + "}");
        assertThat(dwelling.status()).as(dwelling.toString()).isEqualTo(201);
        String idNumber = IdNumbers.of(String.format(Locale.ROOT, "51%04d", Unique.next() % 10000),
                LocalDate.of(1938, 3, 8), (int) (Unique.next() % 1000));
        var created = admin.post("/api/v1/residents", "{\"name\":\"独居老人\",\"idNumber\":\"" + idNumber
                + "\",\"dwellingId\":" + dwelling.json().path("id").asLong() + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        var care = admin.put("/api/v1/residents/" + id + "/care-level", "{\"level\":\"RED\",\"reason\":\"独居\"}");
        assertThat(care.status()).as(care.toString()).isEqualTo(200);
        return id;
    }

    /** A small real PNG, as a camera would hand over a picture. */
    private static Path photo() {
        try {
            BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 64; x++) {
                for (int y = 0; y < 48; y++) {
                    image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x40);
                }
            }
            Path file = Files.createTempFile("phone-photo-", ".png");
            ImageIO.write(image, "png", file.toFile());
            return file.toAbsolutePath();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private JsonNode grid(String type, JsonNode parent, double side) {
        String boundary = String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}", lng, lat,
                lng + side, lat, lng + side, lat + side, lng, lat + side, lng, lat);
        var created = admin.post("/api/v1/grids", "{" + GridTreeFixture.codeProperty(type, parent == null ? null
                : parent.path("code").asString()) + "\"name\":\"手机测试" + GridNames.inWords(type) + "\",\"type\":\"" + type + "\""
                + (parent == null ? "" : ",\"parentCode\":\"" + parent.path("code").asString() + "\"")
                + ",\"boundary\":" + boundary + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String account(String role, String binding) {
        String username = Unique.code("ph" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}
