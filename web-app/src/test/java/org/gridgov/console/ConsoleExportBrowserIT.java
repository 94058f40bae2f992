package org.gridgov.console;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.resident.IdNumbers;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console list's export buttons download, with the console's session, exactly the rows of the list's filter: CSV
 * with a BOM, formula-like cells neutralised, personal data masked for a role that may not reveal it, audited. And
 * the service review page, the list with batch actions, as a screenshot for the README.
 */
@PlatformTest
class ConsoleExportBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_resident_search_exports_exactly_its_filtered_rows_masked_and_neutralised() throws Exception {
        HttpTestClient admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        String prefix = "=Ex" + Unique.next() + "x";
        String region = String.format(Locale.ROOT, "51%04d", Unique.next() % 10000);
        StringBuilder csv = new StringBuilder("compoundCode,compoundName,buildingCode,unit,room,microGridCode,name,"
                + "idNumber,phone,tags\n");
        String compound = Unique.code("EX");
        // 3 residents match the filter (their names start with the formula-like prefix), 2 do not
        List<String> names = List.of(prefix + "01", prefix + "02", prefix + "03", prefix.substring(1) + "04",
                "Other" + prefix.substring(1));
        for (int i = 0; i < names.size(); i++) {
            csv.append(compound).append(",Export Court,1,1,").append(100 + i).append(',').append(tree.micro().code())
                .append(",\"").append(names.get(i)).append("\",")
                .append(IdNumbers.of(region, LocalDate.of(1950, 1, 1).plusDays(i), 100 + i)).append(",1391234")
                .append(String.format(Locale.ROOT, "%04d", i)).append(",\n");
        }
        importResidents(admin, csv.toString());
        // a grid worker may not reveal ID numbers: the export is masked
        String worker = new AccountFixture(port, admin).account("GRID_WORKER", ",\"scopeNodeId\":" + tree.micro().id());

        try (Browser browser = Browser.open(port)) {
            browser.login(worker, AccountFixture.PASSWORD).get("/residents?lang=en");
            browser.waitForVisible(By.id("search-q")).sendKeys(prefix);
            WebElement html = browser.find(By.tagName("html"));
            browser.find(By.id("search-submit")).click();
            browser.waitUntilGone(html);
            assertThat(browser.waitForVisible(By.id("search-count")).getText()).contains("3");

            String href = browser.find(By.id("export-csv")).getAttribute("href");
            assertThat(browser.find(By.id("export-xlsx")).getAttribute("href")).contains("format=xlsx");
            HttpResponse<String> download = ConsoleListsAndDownloadsBrowserIT.download(browser, href);

            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                    value -> assertThat(value).contains("attachment").contains(".csv"));
            String body = download.body();
            assertThat(body).startsWith("\uFEFF");
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body.substring(1))).getRecords();
            assertThat(rows).hasSize(3);
            assertThat(rows).extracting(r -> r.get("name"))
                .containsExactlyInAnyOrder("'" + prefix + "01", "'" + prefix + "02", "'" + prefix + "03");
            assertThat(rows).extracting(r -> r.get("phone")).allSatisfy(phone -> {
                assertThat(phone).matches("139\\*{4}\\d{4}");
            });
            assertThat(body).doesNotContain("13912340000").doesNotContain("13912340001");

            HttpResponse<String> xlsx = ConsoleListsAndDownloadsBrowserIT.download(browser,
                    browser.find(By.id("export-xlsx")).getAttribute("href"));
            assertThat(xlsx.statusCode()).isEqualTo(200);
            assertThat(xlsx.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).contains("spreadsheetml"));

            // the housing list exports its compounds: the worker's grid holds just this one
            browser.get("/residents/housing?lang=en");
            HttpResponse<String> compounds = ConsoleListsAndDownloadsBrowserIT.download(browser,
                    browser.waitForVisible(By.id("export-csv")).getAttribute("href"));
            assertThat(compounds.statusCode()).isEqualTo(200);
            assertThat(compounds.body()).startsWith("\uFEFFcode,name,");
            assertThat(compounds.body().lines().skip(1).toList()).singleElement().asString()
                .startsWith(compound + ",Export Court,");
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'EXPORT' and actor = ? "
                + "and detail like 'csv masked%'", Long.class, worker)).isOne();
    }

    @Test
    void the_users_list_and_the_points_ledger_export_what_they_show() throws Exception {
        HttpTestClient admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        AccountFixture accounts = new AccountFixture(port, admin);
        String worker = accounts.account("GRID_WORKER",
                ",\"scopeNodeId\":" + tree.micro().id() + ",\"phone\":\"13987654321\"");
        String manager = accounts.account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + tree.community().id());
        HttpTestClient workerApi = AccountFixture.login(port, worker, AccountFixture.PASSWORD);
        var service = workerApi.header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/points/service-records", "{\"typeCode\":\"HOME_VISIT\",\"description\":\"走访独居老人\","
                    + "\"gridCode\":\"" + tree.micro().code() + "\"}");
        assertThat(service.status()).as(service.toString()).isEqualTo(201);
        var approved = admin.post("/api/v1/points/service-records/" + service.json().path("id").asLong() + "/approve",
                "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        long account = workerApi.get("/api/v1/points/me").json().path("accountId").asLong();

        try (Browser browser = Browser.open(port)) {
            browser.login(manager, AccountFixture.PASSWORD).get("/admin/users?lang=en&q=" + worker);
            assertThat(browser.findAll(By.cssSelector("#users tbody tr"))).hasSize(1);
            HttpResponse<String> users = ConsoleListsAndDownloadsBrowserIT.download(browser,
                    browser.waitForVisible(By.id("export-csv")).getAttribute("href"));
            assertThat(users.statusCode()).isEqualTo(200);
            assertThat(users.body()).startsWith("\uFEFF").doesNotContain("13987654321");
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(users.body().substring(1))).getRecords();
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.get("username")).isEqualTo(worker);
                assertThat(row.get("phone")).isEqualTo("139****4321");
                assertThat(row.get("role")).isEqualTo("Grid worker");
                assertThat(row.get("grid")).isNotBlank().isNotEqualTo(String.valueOf(tree.micro().id()));
            });

            browser.get("/points/ledger?lang=en&accountId=" + account);
            HttpResponse<String> lines = ConsoleListsAndDownloadsBrowserIT.download(browser,
                    browser.waitForVisible(By.id("lines-export-csv")).getAttribute("href"));
            assertThat(lines.statusCode()).isEqualTo(200);
            List<CSVRecord> entries = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(lines.body().substring(1))).getRecords();
            assertThat(entries).hasSize(browser.findAll(By.cssSelector("#ledger-lines tbody tr")).size())
                .isNotEmpty();
            assertThat(entries.get(0).get("amount")).matches("\\d+");
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'EXPORT' and actor = ? "
                + "and target_type in ('users', 'ledger-lines')", Long.class, manager)).isEqualTo(2);
    }

    @Test
    void the_service_review_list_offers_its_batch_actions() {
        HttpTestClient admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        AccountFixture accounts = new AccountFixture(port, admin);
        HttpTestClient worker = accounts.staff("GRID_WORKER", tree.micro().id());
        for (String what : List.of("走访独居老人", "陪同就医", "代购生活用品")) {
            var service = worker.header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/points/service-records", "{\"typeCode\":\"HOME_VISIT\",\"description\":\"" + what
                        + "\",\"gridCode\":\"" + tree.micro().code() + "\"}");
            assertThat(service.status()).as(service.toString()).isEqualTo(201);
        }
        String manager = accounts.account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + tree.community().id());

        try (Browser browser = Browser.open(port)) {
            browser.viewport(1280, 900);
            browser.login(manager, AccountFixture.PASSWORD).get("/points/review?lang=en");
            List<WebElement> boxes = browser.findAll(By.cssSelector("#review-records input.batch-ids"));
            assertThat(boxes).hasSize(3);
            boxes.get(0).click();
            boxes.get(1).click();
            assertThat(browser.find(By.id("batch-approve")).isDisplayed()).isTrue();
            assertThat(browser.find(By.id("batch-reject")).isDisplayed()).isTrue();
            browser.screenshot(HomeDashboardBrowserIT.DOCS_SCREENSHOTS.resolve("list-batch-actions.png"));
        }
    }

    private static void importResidents(HttpTestClient admin, String csv) throws InterruptedException {
        var submitted = admin.postFile("/api/v1/resident-imports", "residents.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        long id = submitted.json().path("id").asLong();
        JsonNode job = submitted.json();
        for (int i = 0; i < 120 && !job.path("status").asString().matches("SUCCEEDED|FAILED"); i++) {
            Thread.sleep(250);
            job = admin.get("/api/v1/resident-imports/" + id).json();
        }
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    }
}
