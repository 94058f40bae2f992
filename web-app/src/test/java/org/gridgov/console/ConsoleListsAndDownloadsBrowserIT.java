package org.gridgov.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.resident.IdNumbers;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console lists are never silently cut off (a pager reaches the 51st resident), every console download works with
 * the console's session, the filters that used to hang on a CSP-blocked inline handler work, the language switch
 * keeps the page's filters.
 */
@PlatformTest
class ConsoleListsAndDownloadsBrowserIT {

    @LocalServerPort
    int port;

    @Test
    void a_search_of_55_residents_shows_the_total_and_the_pager_reaches_the_51st_and_every_other() throws Exception {
        HttpTestClient admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        String prefix = "Pager" + Unique.next() + "x";
        String region = String.format(Locale.ROOT, "51%04d", Unique.next() % 10000);
        StringBuilder csv = new StringBuilder("compoundCode,compoundName,buildingCode,unit,room,microGridCode,name,"
                + "idNumber,phone,tags\n");
        String compound = Unique.code("PG");
        for (int i = 1; i <= 55; i++) {
            csv.append(compound).append(",Pager Court,1,1,").append(100 + i).append(',').append(tree.micro().code())
                .append(',').append(prefix).append(String.format(Locale.ROOT, "%02d", i)).append(',')
                .append(IdNumbers.of(region, LocalDate.of(1950, 1, 1).plusDays(i), 100 + i)).append(",1381234")
                .append(String.format(Locale.ROOT, "%04d", i)).append(",\n");
        }
        importResidents(admin, csv.toString(), "SUCCEEDED");

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/residents?lang=en");
            browser.waitForVisible(By.id("search-q")).sendKeys(prefix);
            click(browser, By.id("search-submit"));
            assertThat(browser.find(By.id("search-count")).getText()).contains("55");
            Set<String> seen = new HashSet<>(names(browser));
            assertThat(seen).hasSize(50);
            assertThat(browser.find(By.cssSelector("#page-pager .pager-total")).getText()).contains("55");
            assertThat(browser.find(By.cssSelector("#page-pager .pager-position")).getText()).isEqualTo("Page 1 of 2");

            click(browser, By.cssSelector("#page-pager a.pager-next"));
            // the filter is kept on page 2
            assertThat(browser.currentPath()).contains("q=" + prefix).contains("page=1");
            assertThat(browser.find(By.id("search-q")).getAttribute("value")).isEqualTo(prefix);
            List<String> second = names(browser);
            assertThat(second).hasSize(5);
            seen.addAll(second);
            assertThat(seen).hasSize(55);
            assertThat(browser.findAll(By.cssSelector("#page-pager a.pager-next"))).isEmpty();
            click(browser, By.cssSelector("#page-pager a.pager-prev"));
            assertThat(names(browser)).hasSize(50);
        }
    }

    @Test
    void the_template_and_error_report_downloads_answer_the_logged_in_console_user() throws Exception {
        HttpTestClient admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        String region = String.format(Locale.ROOT, "51%04d", Unique.next() % 10000);
        String csv = "compoundCode,compoundName,buildingCode,unit,room,microGridCode,name,idNumber,phone,tags\n"
                + Unique.code("ER") + ",Error Court,1,1,101," + tree.micro().code() + ",Err,"
                + IdNumbers.of(region, LocalDate.of(1960, 5, 5), 321) + ",13812340000,\n"
                + Unique.code("ER") + ",Error Court,1,1,102," + tree.micro().code() + ",Bad,110101X,13812340001,\n";
        long failed = importResidents(admin, csv, "FAILED");

        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/residents/import?lang=en");
            String template = browser.waitForVisible(By.id("resident-template-csv")).getAttribute("href");
            HttpResponse<String> templateDownload = download(browser, template);
            assertThat(templateDownload.statusCode()).isEqualTo(200);
            assertThat(templateDownload.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/csv"));
            assertThat(templateDownload.body()).contains("姓名").contains("锦江苑");

            browser.get("/residents/import/" + failed + "?lang=en");
            String report = browser.waitForVisible(By.id("import-errors-download")).getAttribute("href");
            HttpResponse<String> reportDownload = download(browser, report);
            assertThat(reportDownload.statusCode()).isEqualTo(200);
            assertThat(reportDownload.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                    value -> assertThat(value).contains("attachment"));
            assertThat(reportDownload.body().lines().count()).isGreaterThan(1);

            // every download link of the console's pages answers the session, not 401
            for (String page : List.of("/residents/import", "/residents/import/" + failed, "/grids/import")) {
                browser.get(page + "?lang=en");
                browser.waitForVisible(By.tagName("main"));
                List<String> links = browser.findAll(By.cssSelector("main a[href]")).stream()
                    .map(a -> a.getAttribute("href"))
                    .filter(href -> href.contains("template") || href.endsWith(".csv") || href.contains("format="))
                    .toList();
                assertThat(links).as(page).isNotEmpty();
                for (String link : links) {
                    assertThat(download(browser, link).statusCode()).as(link).isEqualTo(200);
                }
            }
        }
        // without the session the same download is refused: the cookie is what lets the console user in
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/residents/import/" + failed + "/errors.csv")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isNotEqualTo(200);
    }

    @Test
    void the_language_switch_keeps_the_filters_of_the_page() {
        try (Browser browser = Browser.open(port)) {
            browser.login(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD)
                .get("/admin/audit?action=LOGIN_SUCCEEDED&actor=" + PlatformTest.ADMIN + "&lang=en");
            WebElement title = browser.waitForVisible(By.tagName("h1"));
            String english = title.getText();
            WebElement html = browser.find(By.tagName("html"));
            browser.find(By.id("language-switch")).click();
            browser.waitUntilGone(html);
            browser.waitForVisible(By.tagName("main"));
            assertThat(browser.currentPath()).contains("action=LOGIN_SUCCEEDED")
                .contains("actor=" + PlatformTest.ADMIN).contains("lang=zh_CN").doesNotContain("lang=en");
            assertThat(browser.find(By.tagName("h1")).getText()).isNotEqualTo(english);
            assertThat(browser.texts(By.cssSelector("td.action"))).isNotEmpty().containsOnly("登录成功");
            // and back, still filtered
            html = browser.find(By.tagName("html"));
            browser.find(By.id("language-switch")).click();
            browser.waitUntilGone(html);
            assertThat(browser.waitForVisible(By.tagName("h1")).getText()).isEqualTo(english);
            assertThat(browser.currentPath()).contains("action=LOGIN_SUCCEEDED").contains("lang=en");
        }
    }

    private long importResidents(HttpTestClient admin, String csv, String expectedStatus) throws InterruptedException {
        var submitted = admin.postFile("/api/v1/resident-imports", "residents.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        long id = submitted.json().path("id").asLong();
        JsonNode job = submitted.json();
        for (int i = 0; i < 120 && !job.path("status").asString().matches("SUCCEEDED|FAILED"); i++) {
            Thread.sleep(250);
            job = admin.get("/api/v1/resident-imports/" + id).json();
        }
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo(expectedStatus);
        return id;
    }

    private static List<String> names(Browser browser) {
        return browser.texts(By.cssSelector(".resident-link"));
    }

    private static void click(Browser browser, By locator) {
        WebElement html = browser.find(By.tagName("html"));
        browser.waitForClickable(locator).click();
        browser.waitUntilGone(html);
        browser.waitForVisible(By.tagName("main"));
    }

    /** GETs {@code url} the way the browser's download would: with the browser's session cookie only. */
    static HttpResponse<String> download(Browser browser, String url) throws Exception {
        String cookies = browser.driver().manage().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Cookie", cookies).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
