package org.gridgov.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
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
import org.gridgov.testsupport.TestAreas;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Printed grid cards whose QR code a resident's phone opens: the card page at the API's address for a browser (the
 * JSON for every other client), laid out for a 390 px phone; the console's printable cards of a community.
 */
@PlatformTest
class GridCardPagesBrowserIT {

    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    @LocalServerPort
    int port;

    /** A community with a general grid and two micro grids, the first with a worker whose name and duties are long. */
    record Community(JsonNode community, JsonNode general, JsonNode micro1, JsonNode micro2) {
    }

    Community community(HttpTestClient admin) {
        GridTreeFixture grids = new GridTreeFixture(admin);
        double[] area = TestAreas.large();
        JsonNode district = grids.create("DISTRICT", null, null);
        JsonNode street = grids.create("STREET", district, null);
        JsonNode community = grids.create("COMMUNITY", street, null);
        JsonNode general = grids.create("GENERAL_GRID", community, null);
        JsonNode micro1 = grids.create("MICRO_GRID", general, GridTreeFixture.square(area[0], area[1], 0.01));
        JsonNode micro2 = grids.create("MICRO_GRID", general, null);
        var assigned = admin.post("/api/v1/grids/" + GridTreeFixture.id(micro1) + "/staff", "{\"personName\":"
                + "\"欧阳建国\",\"role\":\"MICRO_GRID_WORKER\",\"workPhone\":\"13981002000\",\"primaryWorker\":true}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        return new Community(community, general, micro1, micro2);
    }

    @Test
    void the_qr_address_opens_a_page_on_a_phone_and_stays_json_for_clients() throws Exception {
        HttpTestClient admin = ApiLogin.admin(port);
        Community c = community(admin);
        String code = GridTreeFixture.code(c.micro1());
        String path = "/api/v1/public/grid-cards/" + code;

        HttpTestClient anonymous = HttpTestClient.at(port);
        var html = anonymous.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").get(path);
        var json = anonymous.header("Accept", "application/json").get(path);
        var any = anonymous.header("Accept", "*/*").get(path);
        var missingPage = anonymous.header("Accept", "text/html").get("/api/v1/public/grid-cards/NO-SUCH-GRID");
        var missingJson = anonymous.header("Accept", "application/json").get("/api/v1/public/grid-cards/NO-SUCH-GRID");

        assertThat(html.status()).as(html.toString()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("欧阳建国").contains("tel:13981002000").contains(code);
        assertThat(json.contentType()).startsWith("application/json");
        // one address, two forms, both publicly cacheable: a shared cache must tell them apart by Accept
        assertThat(html.header("Vary")).contains("Accept");
        assertThat(json.header("Vary")).contains("Accept");
        assertThat(json.json().path("workerName").asString()).isEqualTo("欧阳建国");
        assertThat(any.contentType()).as("curl and API clients keep the JSON").startsWith("application/json");
        assertThat(missingPage.status()).isEqualTo(404);
        assertThat(missingPage.contentType()).startsWith("text/html");
        assertThat(missingJson.status()).isEqualTo(404);
        assertThat(missingJson.contentType()).startsWith("application/problem+json");

        try (Browser browser = Browser.open(port)) {
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.get(path);
            WebElement name = browser.waitForVisible(By.id("card-worker-name"));
            assertThat(name.getText()).isEqualTo("欧阳建国");
            assertThat(browser.find(By.id("card-phone")).getAttribute("href")).isEqualTo("tel:13981002000");
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
            long content = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            assertThat(viewport).as("a phone-sized window").isLessThanOrEqualTo(390);
            assertThat(content).as("no horizontal scrolling on a 390 px phone").isLessThanOrEqualTo(viewport);
            assertThat(browser.find(By.id("grid-card")).getRect().getWidth()).isLessThanOrEqualTo((int) viewport);
            browser.screenshot(SCREENSHOTS.resolve("grid-card-phone-390.png"));
        }
    }

    @Test
    void a_community_prints_its_cards_in_one_batch_each_with_a_qr_code_of_its_public_page() throws Exception {
        HttpTestClient admin = ApiLogin.admin(port);
        Community c = community(admin);
        String micro1 = GridTreeFixture.code(c.micro1());

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD)
                .get("/grids/" + GridTreeFixture.id(c.community()));
            browser.waitForClickable(By.id("card-print-link")).click();
            browser.waitForVisible(By.id("print-button"));

            List<WebElement> cards = browser.findAll(By.cssSelector("article.print-card"));
            assertThat(cards).extracting(card -> card.getAttribute("data-code")).containsExactly(
                    GridTreeFixture.code(c.general()), micro1, GridTreeFixture.code(c.micro2()));
            WebElement first = browser.find(By.cssSelector("article.print-card[data-code='" + micro1 + "']"));
            assertThat(first.getText()).contains("欧阳建国", "13981002000", micro1);
            String url = first.findElement(By.cssSelector(".print-card-foot .url")).getText();
            assertThat(url).isEqualTo("http://localhost:" + port + "/api/v1/public/grid-cards/" + micro1);
            String svg = (String) ((JavascriptExecutor) browser.driver())
                .executeScript("return arguments[0].outerHTML", first.findElement(By.cssSelector("svg.qr-code")));
            assertThat(decode(svg)).as("the QR code carries the card's public address").isEqualTo(url);
            browser.screenshot(SCREENSHOTS.resolve("grid-cards-print.png"));

            HttpResponse<String> phone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(phone.statusCode()).isEqualTo(200);
            assertThat(phone.body()).contains("欧阳建国");
        }
    }

    /** Reads the modules back out of the SVG path and decodes them with ZXing's QR decoder. */
    static String decode(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1));
        int margin = 2;
        BitMatrix matrix = new BitMatrix(size - 2 * margin);
        Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (module.find()) {
            matrix.set(Integer.parseInt(module.group(1)) - margin, Integer.parseInt(module.group(2)) - margin);
        }
        return new Decoder().decode(matrix).getText();
    }
}
