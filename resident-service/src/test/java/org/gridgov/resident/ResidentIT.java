package org.gridgov.resident;

import java.io.StringWriter;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** People and housing through the REST API, each caller in its own role and grid: scope, encryption, masking, reveal. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResidentIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ResidentService residents;

    @Autowired
    PlatformTransactionManager transactionManager;

    ResidentFixture f;

    static List<String> ids(JsonNode items) {
        List<String> ids = new java.util.ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    @BeforeEach
    void setUp() {
        f = new ResidentFixture(port);
    }

    @Test
    void a_grid_worker_sees_only_the_households_and_residents_of_their_own_grid() {
        String idA = ResidentFixture.idNumber(LocalDate.of(1950, 3, 4), true);
        String idB = ResidentFixture.idNumber(LocalDate.of(1960, 5, 6), false);
        long a = f.resident(f.workerA, "张三", idA, "13812345678", f.dwellingA).path("id").asLong();
        long b = f.resident(f.workerB, "李四", idB, "13987654321", f.dwellingB).path("id").asLong();

        var mine = f.workerA.get("/api/v1/dwellings").json();
        assertThat(ids(mine.path("items"))).containsExactly(Long.toString(f.dwellingA));
        assertThat(f.workerA.get("/api/v1/dwellings/" + f.dwellingB).status()).isEqualTo(404);
        assertThat(f.workerA.get("/api/v1/dwellings/" + f.dwellingB + "/residents").status()).isEqualTo(404);
        assertThat(f.workerA.get("/api/v1/residents/" + b).status()).isEqualTo(404);
        assertThat(f.workerA.get("/api/v1/residents?idNumber=" + idB).json().path("totalElements").asLong()).isZero();
        assertThat(f.workerA.get("/api/v1/residents?name=李").json().path("items").size()).isZero();
        // a worker cannot register someone into a dwelling of another grid
        var intoOther = f.workerA.post("/api/v1/residents", "{\"name\":\"王五\",\"idNumber\":\""
                + ResidentFixture.idNumber(LocalDate.of(1970, 1, 1), true) + "\",\"dwellingId\":" + f.dwellingB + "}");
        assertThat(intoOther.status()).isEqualTo(422);
        assertThat(intoOther.body()).contains("dwellingId");

        JsonNode household = f.workerA.get("/api/v1/dwellings/" + f.dwellingA + "/residents").json();
        assertThat(household.size()).isOne();
        assertThat(household.get(0).path("name").asString()).isEqualTo("张三");
        // the community worker sees both
        assertThat(ids(f.communityWorker.get("/api/v1/residents?nodeId=" + f.community.id()).json()
            .path("items"))).contains(Long.toString(a), Long.toString(b));
        assertThat(f.communityWorker.get("/api/v1/dwellings?nodeId=" + f.community.id()).json()
            .path("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void personal_data_is_shown_masked_and_no_plaintext_id_number_is_in_a_dump_of_the_table() throws Exception {
        String idNumber = ResidentFixture.idNumber(LocalDate.of(1948, 12, 31), false);
        JsonNode created = f.resident(f.workerA, "赵六", idNumber, "138 1234 5678", f.dwellingA);
        long id = created.path("id").asLong();

        assertThat(created.path("idNumberMasked").asString())
            .isEqualTo(idNumber.substring(0, 4) + "**********" + idNumber.substring(14));
        assertThat(created.path("phoneMasked").asString()).isEqualTo("138****5678");
        assertThat(created.path("gender").asString()).isEqualTo("FEMALE");
        assertThat(created.path("birthDate").asString()).isEqualTo("1948-12-31");
        assertThat(created.path("hasHealthNote").asBoolean()).isTrue();
        assertThat(created.toString()).doesNotContain(idNumber).doesNotContain("13812345678").doesNotContain("高血压");

        // exact search by ID number and by phone works without decrypting the table
        assertThat(ids(f.workerA.get("/api/v1/residents?idNumber=" + idNumber.toLowerCase()).json().path("items")))
            .containsExactly(Long.toString(id));
        assertThat(ids(f.workerA.get("/api/v1/residents?phone=13812345678").json().path("items")))
            .containsExactly(Long.toString(id));

        // the raw columns, as a dump would see them
        List<String> raw = jdbc.query("select * from resident_person where id = ?", (rs, row) -> {
            StringBuilder all = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                Object value = rs.getObject(c);
                all.append(value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                        : String.valueOf(value)).append('|');
            }
            return all.toString();
        }, id);
        assertThat(raw.get(0)).doesNotContain(idNumber).doesNotContain("13812345678").doesNotContain("高血压");
        // and COPY … TO STDOUT, as pg_dump runs it, of every table of the module
        StringWriter dump = new StringWriter();
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : List.of("resident_person", "resident_residence", "resident_dwelling")) {
                copy.copyOut("COPY " + table + " TO STDOUT", dump);
            }
            copy.copyOut("COPY (select * from resident_person where id = " + id + ") TO STDOUT (FORMAT binary)",
                    new java.io.OutputStream() {
                        final StringBuilder seen = new StringBuilder();

                        @Override
                        public void write(int b) {
                            seen.append((char) (b & 0xff));
                        }

                        @Override
                        public void close() {
                            assertThat(seen.toString()).doesNotContain(idNumber);
                        }
                    });
        }
        assertThat(dump.toString()).contains("赵六").doesNotContain(idNumber).doesNotContain("13812345678")
            .doesNotContain(idNumber.substring(4, 14));
    }

    @Test
    void revealing_a_full_value_needs_a_reason_a_role_that_may_and_is_audited() {
        String idNumber = ResidentFixture.idNumber(LocalDate.of(1955, 7, 1), true);
        long id = f.resident(f.workerA, "孙七", idNumber, "13700001111", f.dwellingA).path("id").asLong();

        var noReason = f.communityWorker.post("/api/v1/residents/" + id + "/reveal", "{\"field\":\"ID_NUMBER\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");

        var revealed = f.communityWorker.post("/api/v1/residents/" + id + "/reveal",
                "{\"field\":\"ID_NUMBER\",\"reason\":\"办理高龄津贴核对身份\"}");
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        assertThat(revealed.json().path("value").asString()).isEqualTo(idNumber);
        assertThat(f.communityWorker.post("/api/v1/residents/" + id + "/reveal",
                "{\"field\":\"HEALTH_NOTE\",\"reason\":\"安排上门体检\"}").json().path("value").asString())
            .isEqualTo("高血压，需每日服药");
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_event where action = 'PERSONAL_DATA_REVEALED' and target_id = ?
                   and actor = ? and detail like 'ID_NUMBER%办理高龄津贴核对身份'""", Long.class, Long.toString(id),
                f.communityWorkerName)).isOne();

        // a grid worker may reveal the phone (to call), not the ID number; another grid's worker nothing
        assertThat(f.workerA.post("/api/v1/residents/" + id + "/reveal",
                "{\"field\":\"ID_NUMBER\",\"reason\":\"想看看\"}").status()).isEqualTo(403);
        assertThat(f.workerA.post("/api/v1/residents/" + id + "/reveal",
                "{\"field\":\"PHONE\",\"reason\":\"电话预约走访\"}").json().path("value").asString())
            .isEqualTo("13700001111");
        assertThat(f.workerB.post("/api/v1/residents/" + id + "/reveal",
                "{\"field\":\"PHONE\",\"reason\":\"电话预约走访\"}").status()).isEqualTo(404);
    }

    @Test
    void invalid_id_numbers_impossible_birth_dates_and_duplicates_are_refused_with_the_field_named() {
        String valid = ResidentFixture.idNumber(LocalDate.of(1980, 2, 29), true);
        char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
        String badChecksum = valid.substring(0, 17) + wrongCheck;
        var checksum = f.workerA.post("/api/v1/residents", "{\"name\":\"错号\",\"idNumber\":\"" + badChecksum
                + "\",\"dwellingId\":" + f.dwellingA + "}");
        assertThat(checksum.status()).isEqualTo(400);
        assertThat(checksum.json().path("errors").findValuesAsString("field")).contains("idNumber");
        assertThat(checksum.body()).contains("check digit");

        String feb30 = "510104" + "19900230" + "123";
        feb30 = feb30 + IdNumbers.checkCharacter(feb30);
        var impossible = f.workerA.post("/api/v1/residents", "{\"name\":\"怪日\",\"idNumber\":\"" + feb30
                + "\",\"dwellingId\":" + f.dwellingA + "}");
        assertThat(impossible.status()).isEqualTo(400);
        assertThat(impossible.body()).contains("impossible birth date");

        var mismatch = f.workerA.post("/api/v1/residents", "{\"name\":\"不符\",\"idNumber\":\"" + valid
                + "\",\"birthDate\":\"1980-03-01\",\"dwellingId\":" + f.dwellingA + "}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().path("errors").findValuesAsString("field")).contains("birthDate");

        var passportFuture = f.workerA.post("/api/v1/residents", "{\"name\":\"未来\",\"idType\":\"PASSPORT\","
                + "\"idNumber\":\"E12345678\",\"gender\":\"MALE\",\"birthDate\":\"2999-01-01\",\"dwellingId\":"
                + f.dwellingA + "}");
        assertThat(passportFuture.status()).isEqualTo(400);
        assertThat(passportFuture.body()).contains("resident.birth-date.impossible");

        f.resident(f.workerA, "第一", valid, "13800000000", f.dwellingA);
        var duplicate = f.communityWorker.post("/api/v1/residents", "{\"name\":\"第二\",\"idNumber\":\"" + valid
                + "\",\"dwellingId\":" + f.dwellingB + "}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body()).contains("resident.duplicate");
        assertThat(jdbc.queryForObject("select count(*) from resident_person where name in ('错号', '怪日', '不符', "
                + "'未来', '第二')", Long.class)).isZero();
    }

    @Test
    void a_dwelling_lies_in_exactly_one_micro_grid() {
        var inGeneral = f.admin.post("/api/v1/buildings/" + f.buildingId + "/dwellings",
                "{\"unit\":\"3\",\"room\":\"301\",\"gridId\":" + f.general.id() + "}");
        assertThat(inGeneral.status()).isEqualTo(422);
        assertThat(inGeneral.body()).contains("resident.dwelling.not-micro-grid");
        var nowhere = f.admin.post("/api/v1/buildings/" + f.buildingId + "/dwellings", "{\"unit\":\"3\",\"room\":\"302\"}");
        assertThat(nowhere.status()).isEqualTo(400);
        assertThat(nowhere.body()).contains("gridId");
    }

    @Test
    void moving_keeps_the_history_and_registered_elsewhere_shows_as_two_dwellings() {
        String idNumber = ResidentFixture.idNumber(LocalDate.of(1990, 1, 15), true);
        var created = f.communityWorker.post("/api/v1/residents", "{\"name\":\"周八\",\"idNumber\":\"" + idNumber
                + "\",\"dwellingId\":" + f.dwellingA + ",\"registeredDwellingId\":" + f.dwellingB
                + ",\"movedIn\":\"2020-01-01\",\"populationType\":\"FLOATING\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("residences").findValuesAsString("kind")).containsExactlyInAnyOrder("LIVING",
                "REGISTERED");

        var moved = f.communityWorker.post("/api/v1/residents/" + id + "/residences",
                "{\"dwellingId\":" + f.dwellingB + ",\"kind\":\"LIVING\",\"movedIn\":\"2025-06-01\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        JsonNode residences = moved.json().path("residences");
        assertThat(residences.size()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select moved_out from resident_residence where person_id = ? and dwelling_id = ?"
                + " and kind = 'LIVING'", LocalDate.class, id, f.dwellingA)).isEqualTo(LocalDate.of(2025, 6, 1));
        // now living in B: worker A no longer sees them, worker B does
        assertThat(f.workerA.get("/api/v1/residents/" + id).status()).isEqualTo(404);
        assertThat(f.workerB.get("/api/v1/residents/" + id).status()).isEqualTo(200);
    }

    @Test
    void verifying_dwellings_raises_the_grids_verification_coverage() {
        var verified = f.workerA.post("/api/v1/dwellings/" + f.dwellingA + "/verification", "{\"note\":\"已上门核实\"}");
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().path("verifiedAt").isNull()).isFalse();
        assertThat(f.workerA.post("/api/v1/dwellings/" + f.dwellingB + "/verification", "{}").status()).isEqualTo(404);

        JsonNode figures = f.admin.get("/api/v1/grids/" + f.general.id() + "/figures").json();
        JsonNode residents = figures.findValue("residents");
        assertThat(residents.path("dwellings").asLong()).isEqualTo(2);
        assertThat(residents.path("verificationCoverage").asDouble()).isEqualTo(0.5);
        assertThat(f.workerA.get("/api/v1/dwellings?unverifiedMonths=6").json().path("totalElements").asLong())
            .isZero();
    }

    /**
     * The ID-number hash is indexed only behind the document type; a search that leaves the type out reads the whole
     * index (seconds at 20 million residents, docs/BENCHMARKS.md). The plan must enter the index by its leading column.
     */
    @Test
    void finding_by_id_number_enters_the_id_index_by_document_type_instead_of_reading_all_of_it() {
        String idNumber = ResidentFixture.idNumber(LocalDate.of(1952, 8, 8), true);
        List<Object> args = new java.util.ArrayList<>();
        // outside a request: the system, city-wide
        String where = residents.where(new ResidentSearch(null, idNumber, null, null, null, null, false), args);

        String plan = new TransactionTemplate(transactionManager).execute(status -> {
            jdbc.execute("set local enable_seqscan = off");
            jdbc.execute("set local enable_bitmapscan = off");
            return String.join("\n", jdbc.queryForList("explain select p.id from resident_person p" + where,
                    String.class, args.toArray()));
        });

        assertThat(plan).contains("resident_person_id_uk");
        assertThat(plan.lines().filter(line -> line.contains("Index Cond")).findFirst().orElse(""))
            .as(plan).contains("id_type").contains("id_number_hmac");
    }
}
