package org.gridgov.resident;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.resident.internal.ResidentImportRunner;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.TestImages;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The community's own spreadsheets as Excel on Chinese Windows saves them, the template, and retried uploads. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResidentFilesIT {

    static final Charset GBK = Charset.forName("GBK");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ResidentImportRunner runner;

    ResidentFixture f;

    @BeforeEach
    void setUp() {
        f = new ResidentFixture(port);
    }

    JsonNode importFile(HttpTestClient client, String path, String fileName, byte[] content) {
        var submitted = client.postFile(path, fileName, "application/octet-stream", content);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        return finished(client, submitted.header("Location"));
    }

    JsonNode finished(HttpTestClient client, String location) {
        while (runner.runNext()) {
            // run what is queued, here and now
        }
        return await(location).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .until(() -> client.get(location).json(), job -> job.path("status").asString().equals("SUCCEEDED")
                    || job.path("status").asString().equals("FAILED"));
    }

    String row(String compound, String room, String name, String idNumber) {
        return String.join(",", compound, "锦江苑", "1", "1栋", "1", room, f.microA.code(), name, "", "", "", idNumber,
                "13800001111", "汉族", "户籍", "户主", "2015-06-01", "否", "是", "");
    }

    @Test
    void excels_plain_csv_imports_residents_with_their_chinese_names_intact() {
        String compound = Unique.code("GBK");
        String id = ResidentFixture.idNumber(LocalDate.of(1948, 5, 6), true);
        String csv = ResidentImportIT.CHINESE_HEADER + "\r\n" + row(compound, "101", "欧阳秀英", id) + "\r\n";

        JsonNode job = importFile(f.communityWorker, "/api/v1/resident-imports", "户籍.csv", csv.getBytes(GBK));

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode found = f.workerA.get("/api/v1/residents?idNumber=" + id).json().path("items");
        assertThat(found.get(0).path("name").asString()).isEqualTo("欧阳秀英");
        assertThat(jdbc.queryForObject("select name from resident_compound where code = ?", String.class, compound))
            .isEqualTo("锦江苑");
    }

    @Test
    void a_gbk_row_with_an_invalid_byte_fails_by_its_row_number_and_nothing_is_written() {
        String compound = Unique.code("BAD");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((ResidentImportIT.CHINESE_HEADER + "\r\n" + row(compound, "101", "张三",
                ResidentFixture.idNumber(LocalDate.of(1950, 1, 1), true)) + "\r\n").getBytes(GBK));
        String second = row(compound, "102", "李@", ResidentFixture.idNumber(LocalDate.of(1951, 1, 1), false));
        int at = second.indexOf('@');
        file.writeBytes(second.substring(0, at).getBytes(GBK));
        file.writeBytes(new byte[] { (byte) 0x81, (byte) 0x7F });
        file.writeBytes((second.substring(at + 1) + "\r\n").getBytes(GBK));

        JsonNode job = importFile(f.communityWorker, "/api/v1/resident-imports", "户籍.csv", file.toByteArray());

        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        JsonNode error = job.path("errors").get(0);
        assertThat(error.path("line").asInt()).isEqualTo(3);
        assertThat(error.path("code").asString()).isEqualTo("resident.import.charset");
        assertThat(error.path("field").asString()).isEqualTo("name");
        assertThat(jdbc.queryForObject("select count(*) from resident_compound where code = ?", Long.class, compound))
            .isZero();
    }

    /** (ResidentImportIT imports the downloaded template; here: both formats carry the same valid sample.) */
    @Test
    void both_template_formats_carry_a_sample_whose_id_number_passes_gb_11643() throws Exception {
        assertThat(IdNumbers.problem(ResidentImportService.EXAMPLE_ID_NUMBER, LocalDate.now())).isNull();

        String csv = new String(download("/api/v1/resident-imports/template?format=csv&chinese=true"),
                java.nio.charset.StandardCharsets.UTF_8);
        byte[] xlsx = download("/api/v1/resident-imports/template?format=xlsx&chinese=true");

        assertThat(csv).startsWith("\uFEFF").contains("证件号码", "关爱等级", ResidentImportService.EXAMPLE_ID_NUMBER);
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1).stream().map(c -> c == null ? "" : c.getRawValue()))
                .contains(ResidentImportService.EXAMPLE_ID_NUMBER);
        }
    }

    byte[] download(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + path)).header(TestCaller.HEADER, TestCaller.admin().header()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void a_retried_import_upload_with_the_same_idempotency_key_queues_one_job() {
        String compound = Unique.code("IDEM");
        String fileName = compound + ".csv";
        byte[] csv = (ResidentImportIT.CHINESE_HEADER + "\n" + row(compound, "101", "重试", ResidentFixture.idNumber(LocalDate.of(1960, 3, 3), true)) + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpTestClient client = f.communityWorker.header("Idempotency-Key", UUID.randomUUID().toString());

        var first = client.postFile("/api/v1/resident-imports", fileName, "text/csv", csv);
        var retry = client.postFile("/api/v1/resident-imports", fileName, "text/csv", csv);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
        assertThat(jdbc.queryForObject("select count(*) from resident_import_job where file_name = ?", Long.class,
                fileName)).isOne();
        assertThat(finished(f.communityWorker, first.header("Location")).path("status").asString())
            .isEqualTo("SUCCEEDED");
    }

    @Test
    void a_retried_visit_photo_with_the_same_idempotency_key_is_stored_once() {
        JsonNode resident = f.resident(f.workerA, "照片", ResidentFixture.idNumber(LocalDate.of(1940, 2, 2), false),
                "", f.dwellingA);
        var visit = f.workerA.post("/api/v1/residents/" + resident.path("id").asLong() + "/visits",
                "{\"place\":\"家中\",\"notes\":\"拍照\"}");
        assertThat(visit.status()).as(visit.toString()).isEqualTo(201);
        long visitId = visit.json().path("id").asLong();
        HttpTestClient client = f.workerA.header("Idempotency-Key", UUID.randomUUID().toString());

        var first = client.postFile("/api/v1/visits/" + visitId + "/photos", "门口.jpg", "image/jpeg",
                TestImages.jpegWithGps());
        var retry = client.postFile("/api/v1/visits/" + visitId + "/photos", "门口.jpg", "image/jpeg",
                TestImages.jpegWithGps());

        assertThat(first.status()).as(first.toString()).isBetween(200, 201);
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(jdbc.queryForObject("select count(*) from resident_visit_photo where visit_id = ?", Long.class,
                visitId)).isOne();
    }
}
