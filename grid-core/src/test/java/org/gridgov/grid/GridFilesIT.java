package org.gridgov.grid;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.grid.internal.imports.ImportJobRunner;
import org.gridgov.grid.internal.imports.StaffImportRunner;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A city's grid administrator brings the files the offices really have: Excel's "CSV" from Chinese Windows (GBK),
 * its "CSV UTF-8" (BOM, CRLF), .xlsx with Chinese headings; the staff list in one file; and exports that Excel opens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GridFilesIT {

    static final Charset GBK = Charset.forName("GBK");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ImportJobRunner gridRunner;

    @Autowired
    StaffImportRunner staffRunner;

    HttpTestClient http;
    GridTreeFixture grids;

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
        grids = new GridTreeFixture(http);
    }

    JsonNode importGrids(String fileName, byte[] content) {
        var submitted = http.postFile("/api/v1/grid-imports", fileName, "application/octet-stream", content);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        return finished("/api/v1/grid-imports/" + submitted.json().path("id").asLong());
    }

    JsonNode importStaff(String fileName, byte[] content) {
        var submitted = http.postFile("/api/v1/staff-imports", fileName, "application/octet-stream", content);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        assertThat(submitted.header("Location")).endsWith("/api/v1/staff-imports/" + submitted.json().path("id").asLong());
        return finished(submitted.header("Location"));
    }

    JsonNode finished(String location) {
        while (gridRunner.runNext() || staffRunner.runNext()) {
            // run what is queued, here and now
        }
        return await(location).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .until(() -> http.get(location).json(), job -> job.path("status").asString().equals("SUCCEEDED")
                    || job.path("status").asString().equals("FAILED"));
    }

    String name(String code) {
        return jdbc.queryForObject("select name from grid_node where code = ?", String.class, code);
    }

    /** A district → street → community chain in the code rule, as a GBK CSV with Chinese headings, CRLF. */
    static String chain(String d) {
        return "代码,名称,类型,上级代码,党组织\r\n" + d + ",武侯区,区县,,是\r\n" + d + "011,簇桥街道,街道," + d + ",是\r\n" + d
                + "011003,锦城社区,社区," + d + "011,否\r\n" + d + "011003G02,第2网格,一般网格," + d + "011003,\r\n";
    }

    @Test
    void excels_plain_csv_from_chinese_windows_imports_with_every_chinese_name_intact() {
        String d = Unique.districtCode();

        JsonNode job = importGrids("网格.csv", chain(d).getBytes(GBK));

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("createdCount").asInt()).isEqualTo(4);
        assertThat(name(d)).isEqualTo("武侯区");
        assertThat(name(d + "011")).isEqualTo("簇桥街道");
        assertThat(name(d + "011003G02")).isEqualTo("第2网格");
        assertThat(jdbc.queryForObject("select type from grid_node where code = ?", String.class, d + "011003G02"))
            .isEqualTo("GENERAL_GRID");
        assertThat(jdbc.queryForObject("select count(*) from grid_node where name like '%\uFFFD%'", Long.class)).isZero();
    }

    @Test
    void excels_csv_utf8_with_its_bom_and_crlf_imports_and_so_does_a_named_charset() {
        String d = Unique.districtCode();
        byte[] bom = ("\uFEFF" + chain(d)).getBytes(StandardCharsets.UTF_8);

        JsonNode job = importGrids("网格.csv", bom);

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(name(d + "011003")).isEqualTo("锦城社区");

        String e = Unique.districtCode();
        var named = http.postFile("/api/v1/grid-imports?charset=GBK", "grids.csv", "text/csv", chain(e).getBytes(GBK));
        assertThat(finished(named.header("Location")).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(name(e + "011")).isEqualTo("簇桥街道");
        var unknown = http.postFile("/api/v1/grid-imports?charset=BIG5", "grids.csv", "text/csv", new byte[] { 'a' });
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("charset");
    }

    @Test
    void a_gbk_file_with_an_invalid_byte_fails_that_row_by_its_spreadsheet_number_and_writes_nothing() {
        String d = Unique.districtCode();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(("代码,名称,类型,上级代码\r\n" + d + ",武侯区,区县,\r\n" + d + "011,簇桥").getBytes(GBK));
        file.writeBytes(new byte[] { (byte) 0x81, (byte) 0x7F }); // no GBK character
        file.writeBytes(("街道,街道," + d + "\r\n").getBytes(GBK));

        JsonNode job = importGrids("网格.csv", file.toByteArray());

        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        JsonNode error = job.path("errors").get(0);
        assertThat(error.path("row").asInt()).as("the street is on the sheet's third row").isEqualTo(3);
        assertThat(error.path("code").asString()).isEqualTo("grid.import.charset");
        assertThat(error.path("field").asString()).isEqualTo("name");
        assertThat(error.path("message").asString()).contains("Row 3");
        assertThat(jdbc.queryForObject("select count(*) from grid_node where code like ?", Long.class, d + "%"))
            .isZero();
    }

    @Test
    void an_xlsx_with_chinese_headings_imports_and_its_errors_name_the_rows_excel_shows() throws Exception {
        String d = Unique.districtCode();
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(xlsx, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("网格");
        String[][] rows = { { "编码", "名称", "层级", "上级编码" }, { d, "武侯区", "区县", "" },
            { d + "011", "簇桥街道", "街道", d }, { d + "011003", "锦城社区", "村", d + "011" } };
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                sheet.value(r, c, rows[r][c]);
            }
        }
        sheet.value(1, 0, Integer.parseInt(d)); // the district code typed as a number, as Excel keeps it
        workbook.finish();

        JsonNode job = importGrids("网格.xlsx", xlsx.toByteArray());

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(name(d + "011003")).isEqualTo("锦城社区");

        String bad = "代码,名称,类型,上级代码\n" + d + "011004,新社区,社区," + d + "011\n" + d + "011005,怪社区,小区," + d + "011\n";
        JsonNode failed = importGrids("bad.csv", bad.getBytes(StandardCharsets.UTF_8));
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("errors").get(0).path("row").asInt()).isEqualTo(3);
        assertThat(failed.path("errors").get(0).path("feature").asInt()).isEqualTo(2);
        assertThat(failed.path("errors").get(0).path("field").asString()).isEqualTo("type");
    }

    @Test
    void a_file_without_the_party_column_keeps_the_stored_party_flag() {
        String d = Unique.districtCode();
        importGrids("a.csv", chain(d).getBytes(GBK));
        assertThat(party(d + "011")).isTrue();

        String renamed = "code,name,type,parentCode\r\n" + d + "011,簇桥街道办,STREET," + d + "\r\n";
        JsonNode job = importGrids("b.csv", renamed.getBytes(StandardCharsets.UTF_8));

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(name(d + "011")).isEqualTo("簇桥街道办");
        assertThat(party(d + "011")).as("no party column: the flag stays").isTrue();
    }

    boolean party(String code) {
        return jdbc.queryForObject("select party_organisation from grid_node where code = ?", Boolean.class, code);
    }

    @Test
    void codes_below_the_community_are_generated_when_omitted_and_checked_when_given() {
        String d = Unique.districtCode();
        importGrids("chain.csv", chain(d).getBytes(GBK));
        String general = d + "011003G02";

        String grids2 = "代码,名称,类型,上级代码\n,第1微网格,微网格," + general + "\n,第2微网格,微网格," + general + "\n";
        JsonNode generated = importGrids("micro.csv", grids2.getBytes(StandardCharsets.UTF_8));
        assertThat(generated.path("status").asString()).as(generated.toString()).isEqualTo("SUCCEEDED");
        assertThat(name(general + "M01")).isEqualTo("第1微网格");
        assertThat(name(general + "M02")).isEqualTo("第2微网格");

        String wrong = "代码,名称,类型,上级代码\n" + d + "9999,坏社区,社区," + d + "011\n" + general + "X01,坏网格,微网格," + general + "\n";
        JsonNode refused = importGrids("wrong.csv", wrong.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.path("status").asString()).isEqualTo("FAILED");
        assertThat(refused.path("errors").findValuesAsString("code")).containsOnly("grid.import.code-rule");
        assertThat(refused.path("errors").get(0).path("row").asInt()).isEqualTo(2);

        var created = http.post("/api/v1/grids", "{\"name\":\"第3微网格\",\"type\":\"MICRO_GRID\",\"parentCode\":\""
                + general + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("code").asString()).isEqualTo(general + "M03");
        var badPrefix = http.post("/api/v1/grids", "{\"code\":\"510104011G01\",\"name\":\"x\",\"type\":\"GENERAL_GRID\","
                + "\"parentCode\":\"" + d + "011003\"}");
        assertThat(badPrefix.status()).isEqualTo(422);
        assertThat(badPrefix.json().path("code").asString()).isEqualTo("grid.node.code-rule");
        assertThat(badPrefix.json().path("errors").get(0).path("field").asString()).isEqualTo("code");
        var noDistrictCode = http.post("/api/v1/grids", "{\"code\":\"CD\",\"name\":\"x\",\"type\":\"DISTRICT\"}");
        assertThat(noDistrictCode.status()).isEqualTo(422);
    }

    @Test
    void the_export_opens_in_excel_keeps_formulas_as_text_and_reimports_unchanged() throws Exception {
        String d = Unique.districtCode();
        importGrids("chain.csv", chain(d).getBytes(GBK));
        long streetId = jdbc.queryForObject("select id from grid_node where code = ?", Long.class, d + "011");
        String evil = "=HYPERLINK(\"http://evil.example\",\"点我\")";
        jdbc.update("update grid_node set name = ? where code = ?", evil, d + "011003");

        var csv = http.get("/api/v1/grids/" + streetId + "/export.csv");
        HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/v1/grids/" + streetId + "/export.csv?format=xlsx")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(csv.body()).startsWith("\uFEFFcode,name,type,parentCode,partyOrganisation")
            .contains("\"'=HYPERLINK(").doesNotContain(",\"=HYPERLINK(").contains("簇桥街道");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).contains(d + "011.xlsx");
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> rows = book.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("code");
            assertThat(rows.get(1).getCellText(1)).isEqualTo("簇桥街道");
            assertThat(rows.get(2).getCellText(1)).isEqualTo("'" + evil);
            assertThat(rows.get(2).getCell(1).getFormula()).isNull();
        }

        JsonNode again = importGrids("export.csv", csv.body().getBytes(StandardCharsets.UTF_8));
        assertThat(again.path("status").asString()).as(again.toString()).isEqualTo("SUCCEEDED");
        assertThat(again.path("unchangedCount").asInt()).isEqualTo(3);
        assertThat(name(d + "011003")).isEqualTo(evil);
        JsonNode againXlsx = importGrids("export.xlsx", xlsx.body());
        assertThat(againXlsx.path("unchangedCount").asInt()).isEqualTo(3);
    }

    @Test
    void a_retried_upload_with_the_same_idempotency_key_queues_one_import_and_replays_the_first_answer() {
        String d = Unique.districtCode();
        String key = UUID.randomUUID().toString();
        byte[] file = chain(d).getBytes(GBK);
        String fileName = "retry-" + d + ".csv";

        var first = http.header("Idempotency-Key", key).postFile("/api/v1/grid-imports", fileName, "text/csv", file);
        var retry = http.header("Idempotency-Key", key).postFile("/api/v1/grid-imports", fileName, "text/csv", file);
        var other = http.header("Idempotency-Key", key).postFile("/api/v1/grid-imports", fileName, "text/csv",
                chain(Unique.districtCode()).getBytes(GBK));

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(jdbc.queryForObject("select count(*) from grid_import_job where file_name = ?", Long.class,
                fileName)).isOne();
        assertThat(finished(first.header("Location")).path("status").asString()).isEqualTo("SUCCEEDED");
    }

    /** The chain of {@link #chain} with a micro grid, imported; returns the micro grid's code. */
    String microGrid() {
        String d = Unique.districtCode();
        String file = chain(d) + d + "011003G02M01,第1微网格,微网格," + d + "011003G02,\r\n";
        assertThat(importGrids("chain.csv", file.getBytes(GBK)).path("status").asString()).isEqualTo("SUCCEEDED");
        return d + "011003G02M01";
    }

    @Test
    void the_staff_list_goes_in_as_one_gbk_file_and_a_second_import_adds_nothing() {
        String micro = microGrid();
        String general = micro.substring(0, micro.length() - 3);
        String file = "姓名,角色,网格编码,电话,起始日期,主责\r\n王建国,微网格员," + micro + ",13981002000,2026/12/1,是\r\n"
                + "李秀英,楼栋长," + micro + ",13981002001,2026年12月1日,否\r\n赵敏,网格员," + general + ",028-85801234,,是\r\n";

        JsonNode job = importStaff("人员.csv", file.getBytes(GBK));

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("createdCount").asInt()).isEqualTo(3);
        long microId = jdbc.queryForObject("select id from grid_node where code = ?", Long.class, micro);
        JsonNode staff = http.get("/api/v1/grids/" + microId + "/staff?history=true").json();
        List<String> names = new ArrayList<>();
        staff.forEach(s -> names.add(s.path("personName").asString() + ":" + s.path("role").asString() + ":"
                + s.path("workPhone").asString() + ":" + s.path("assignedFrom").asString()));
        assertThat(names).containsExactlyInAnyOrder("王建国:MICRO_GRID_WORKER:13981002000:2026-12-01",
                "李秀英:BUILDING_HEAD:13981002001:2026-12-01");

        JsonNode again = importStaff("人员.csv", file.getBytes(GBK));
        assertThat(again.path("status").asString()).as(again.toString()).isEqualTo("SUCCEEDED");
        assertThat(again.path("createdCount").asInt()).isZero();
        assertThat(again.path("unchangedCount").asInt()).isEqualTo(3);
    }

    @Test
    void a_staff_file_with_any_bad_row_writes_nothing_and_reports_each_row() throws Exception {
        String micro = microGrid();
        long microId = jdbc.queryForObject("select id from grid_node where code = ?", Long.class, micro);
        grids.staff(microId, "在岗主责", "MICRO_GRID_WORKER", true);
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(xlsx, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("人员");
        String[][] rows = { { "姓名", "角色", "网格编码", "电话", "起始日期", "主责" },
            { "好人", "楼栋长", micro, "13900000000", "", "" },
            { "错角色", "街道干部", micro, "", "", "" },
            { "无网格", "微网格员", "NO-SUCH-GRID", "", "", "" },
            { "坏电话", "楼栋长", micro, "call me", "", "" },
            { "抢主责", "微网格员", micro, "", "", "是" },
            { "坏日期", "楼栋长", micro, "", "明天", "" } };
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                sheet.value(r, c, rows[r][c]);
            }
        }
        workbook.finish();

        JsonNode job = importStaff("人员.xlsx", xlsx.toByteArray());

        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        List<String> problems = new ArrayList<>();
        job.path("errors").forEach(e -> problems.add(e.path("row").asInt() + ":" + e.path("field").asString()));
        assertThat(problems).containsExactly("3:role", "4:gridCode", "5:phone", "6:primaryWorker", "7:fromDate");
        assertThat(jdbc.queryForObject("select count(*) from grid_staff where person_name = '好人'", Long.class))
            .as("all or nothing").isZero();
        var wrongType = http.postFile("/api/v1/staff-imports", "staff.pdf", "application/pdf", new byte[] { 1 });
        assertThat(wrongType.status()).isEqualTo(415);
    }

    @Test
    void a_retried_staff_upload_with_the_same_idempotency_key_imports_once() {
        String micro = microGrid();
        String key = UUID.randomUUID().toString();
        byte[] file = ("姓名,角色,网格编码\n重试者,楼栋长," + micro + "\n").getBytes(StandardCharsets.UTF_8);

        var first = http.header("Idempotency-Key", key).postFile("/api/v1/staff-imports", "s.csv", "text/csv", file);
        var retry = http.header("Idempotency-Key", key).postFile("/api/v1/staff-imports", "s.csv", "text/csv", file);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
        assertThat(finished(first.header("Location")).path("createdCount").asInt()).isOne();
        assertThat(jdbc.queryForObject("select count(*) from grid_staff where person_name = '重试者'", Long.class))
            .isOne();
    }
}
