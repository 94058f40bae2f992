package org.gridgov.participation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.HttpTestClient.Response;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridgov.participation.ActivityIT.race;
import static org.gridgov.participation.SpaceBookingIT.assertRefused;

/**
 * Questionnaires through the REST API: one answer per resident under 50 concurrent submissions, the audience (a
 * resident of another community neither sees nor answers a subtree's questionnaire), the open days in China time,
 * results that never show an anonymous respondent, the CSV export, the public link and refusals naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuestionnaireIT {

    static final String BASE = "/api/v1/participation/questionnaires";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestTree mine;
    TestTree theirs;
    HttpTestClient myWorker;

    @BeforeEach
    void setUp() {
        GridTreeFixture grids = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin()));
        mine = grids.tree();
        theirs = grids.tree();
        myWorker = as(TestCaller.communityWorker(mine.community().id()));
    }

    HttpTestClient as(TestCaller caller) {
        return HttpTestClient.at(port).as(caller);
    }

    /** A resident whose account is bound to a micro grid (where they live). */
    static TestCaller residentOf(long microGridId) {
        long account = Unique.next();
        return new TestCaller(account, "resident-" + account, "RESIDENT", microGridId, null, null);
    }

    static String questions() {
        return "[{\"kind\":\"SINGLE\",\"prompt\":\"最希望增设的活动\",\"options\":[\"读书会\",\"亲子活动\",\"老年健身\"]},"
                + "{\"kind\":\"MULTIPLE\",\"prompt\":\"方便的时间\",\"options\":[\"周末上午\",\"周末下午\",\"工作日晚上\"]},"
                + "{\"kind\":\"SCALE\",\"prompt\":\"对社区活动的满意度\",\"scaleMin\":1,\"scaleMax\":5},"
                + "{\"kind\":\"TEXT\",\"prompt\":\"其他建议\",\"required\":false}]";
    }

    JsonNode create(String audience, boolean named, LocalDate opensOn, LocalDate closesOn) {
        Response created = myWorker.post(BASE, "{\"gridId\":" + mine.community().id() + ",\"title\":\"活动需求调查\","
                + "\"audience\":\"" + audience + "\",\"named\":" + named + ",\"opensOn\":\"" + opensOn
                + "\",\"closesOn\":\"" + closesOn + "\",\"questions\":" + questions() + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    JsonNode createOpen(String audience, boolean named) {
        LocalDate today = LocalDate.now(CHINA);
        return create(audience, named, today.minusDays(1), today.plusDays(7));
    }

    static String answers(JsonNode questionnaire, int single, int scale, String text) {
        JsonNode q = questionnaire.path("questions");
        return "{\"answers\":[{\"questionId\":" + q.get(0).path("id").asLong() + ",\"options\":[" + single + "]},"
                + "{\"questionId\":" + q.get(1).path("id").asLong() + ",\"options\":[1,3]},"
                + "{\"questionId\":" + q.get(2).path("id").asLong() + ",\"value\":" + scale + "}"
                + (text == null ? "" : ",{\"questionId\":" + q.get(3).path("id").asLong() + ",\"text\":\""
                        + text + "\"}")
                + "]}";
    }

    @Test
    void fifty_concurrent_answers_by_one_resident_store_exactly_one_and_the_others_get_409() throws Exception {
        JsonNode questionnaire = createOpen("SUBTREE", false);
        long id = questionnaire.path("id").asLong();
        TestCaller resident = residentOf(mine.micro().id());
        String body = answers(questionnaire, 2, 4, "多办读书会");
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> as(resident).post(BASE + "/" + id + "/responses", body));
        }
        List<Response> answers = race(calls);
        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() != 201)).hasSize(49)
            .allSatisfy(r -> assertRefused(r, 409, "participation.response.exists", null));
        assertThat(jdbc.queryForObject("select count(*) from participation_response where questionnaire_id = ?",
                Long.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from participation_answer a join participation_response r on "
                + "r.id = a.response_id where r.questionnaire_id = ?", Long.class, id)).isEqualTo(5);
    }

    @Test
    void a_resident_of_another_community_neither_sees_nor_answers_a_subtree_questionnaire() {
        JsonNode questionnaire = createOpen("SUBTREE", false);
        long id = questionnaire.path("id").asLong();
        String body = answers(questionnaire, 1, 3, null);
        TestCaller stranger = residentOf(theirs.micro().id());
        assertRefused(as(stranger).post(BASE + "/" + id + "/responses", body), 404,
                "participation.questionnaire.not-found", null);
        assertRefused(as(stranger).get(BASE + "/" + id), 404, "participation.questionnaire.not-found", null);
        assertThat(as(stranger).get(BASE + "?size=200").body()).doesNotContain("\"id\":" + id + ",");
        // nor does a resident bound nowhere
        assertThat(as(TestCaller.resident()).post(BASE + "/" + id + "/responses", body).status()).isEqualTo(404);

        TestCaller neighbour = residentOf(mine.micro().id());
        assertThat(as(neighbour).get(BASE + "?size=200").body()).contains("\"id\":" + id + ",");
        assertThat(as(neighbour).get(BASE + "/" + id).json().path("linkToken").isNull()).isTrue();
        assertThat(as(neighbour).post(BASE + "/" + id + "/responses", body).status()).isEqualTo(201);

        // a RESIDENTS questionnaire is for any resident, but not for staff
        long forResidents = createOpen("RESIDENTS", false).path("id").asLong();
        assertThat(as(TestCaller.resident()).get(BASE + "/" + forResidents).status()).isEqualTo(200);
        assertThat(as(TestCaller.gridWorker(theirs.micro().id())).get(BASE + "/" + forResidents).status())
            .isEqualTo(404);
    }

    @Test
    void answers_outside_the_open_days_in_china_time_are_refused_naming_the_day() {
        LocalDate today = LocalDate.now(CHINA);
        JsonNode later = create("SUBTREE", false, today.plusDays(1), today.plusDays(3));
        assertRefused(as(residentOf(mine.micro().id())).post(BASE + "/" + later.path("id").asLong() + "/responses",
                answers(later, 1, 1, null)), 422, "participation.questionnaire.not-open", "opensOn");
        JsonNode past = create("SUBTREE", false, today.minusDays(5), today.minusDays(1));
        assertRefused(as(residentOf(mine.micro().id())).post(BASE + "/" + past.path("id").asLong() + "/responses",
                answers(past, 1, 1, null)), 422, "participation.questionnaire.closed", "closesOn");
        // the last day counts to its midnight in Asia/Shanghai
        JsonNode lastDay = create("SUBTREE", false, today, today);
        assertThat(lastDay.path("closesAt").asString())
            .isEqualTo(today.plusDays(1).atStartOfDay(CHINA).toInstant().toString());
        assertThat(lastDay.path("open").asBoolean()).isTrue();

        // closing early
        long id = lastDay.path("id").asLong();
        assertThat(myWorker.post(BASE + "/" + id + "/close", "{}").json().path("open").asBoolean()).isFalse();
        assertRefused(as(residentOf(mine.micro().id())).post(BASE + "/" + id + "/responses",
                answers(lastDay, 1, 1, null)), 422, "participation.questionnaire.closed", "closesOn");
    }

    @Test
    void results_count_options_and_the_scale_and_never_show_an_anonymous_respondent() {
        JsonNode anonymous = createOpen("SUBTREE", false);
        long id = anonymous.path("id").asLong();
        int[][] given = { { 1, 5 }, { 2, 4 }, { 2, 3 }, { 3, 4 } };
        for (int[] g : given) {
            assertThat(as(residentOf(mine.micro().id())).post(BASE + "/" + id + "/responses", answers(anonymous, g[0],
                    g[1], "建议" + g[0] + g[1])).status()).isEqualTo(201);
        }
        Response results = myWorker.get(BASE + "/" + id + "/results");
        assertThat(results.status()).as(results.toString()).isEqualTo(200);
        JsonNode q = results.json().path("questions");
        assertThat(results.json().path("responses").asLong()).isEqualTo(4);
        assertThat(q.get(0).path("options").get(0).path("count").asLong()).isEqualTo(1);
        assertThat(q.get(0).path("options").get(1).path("count").asLong()).isEqualTo(2);
        assertThat(q.get(0).path("options").get(2).path("count").asLong()).isEqualTo(1);
        assertThat(q.get(1).path("options").get(0).path("count").asLong()).isEqualTo(4);
        assertThat(q.get(1).path("options").get(1).path("count").asLong()).isZero();
        assertThat(q.get(2).path("scale").path("mean").asDouble()).isEqualTo(4.0);
        assertThat(q.get(2).path("scale").path("distribution").get(3).path("count").asLong()).isEqualTo(2);
        assertThat(q.get(3).path("texts")).hasSize(4)
            .allSatisfy(t -> assertThat(t.path("respondent").isNull()).isTrue());
        assertThat(results.body()).doesNotContain("resident-");
        assertThat(jdbc.queryForObject("select count(*) from participation_response where questionnaire_id = ? and "
                + "respondent_name is not null", Long.class, id)).isZero();

        // a named questionnaire shows who wrote what
        JsonNode named = createOpen("SUBTREE", true);
        TestCaller author = residentOf(mine.micro().id());
        as(author).post(BASE + "/" + named.path("id").asLong() + "/responses", answers(named, 1, 2, "装路灯"));
        JsonNode text = myWorker.get(BASE + "/" + named.path("id").asLong() + "/results").json().path("questions")
            .get(3).path("texts").get(0);
        assertThat(text.path("respondent").asString()).isEqualTo(author.username());

        // staff out of scope read no results; residents never do
        assertRefused(as(TestCaller.communityWorker(theirs.community().id())).get(BASE + "/" + id + "/results"), 404,
                "participation.questionnaire.not-found", null);
        assertThat(as(residentOf(mine.micro().id())).get(BASE + "/" + id + "/results").status()).isEqualTo(403);
    }

    @Test
    void the_csv_export_is_utf8_with_a_bom_and_neutralises_formulas() {
        JsonNode questionnaire = createOpen("SUBTREE", false);
        long id = questionnaire.path("id").asLong();
        as(residentOf(mine.micro().id())).post(BASE + "/" + id + "/responses",
                answers(questionnaire, 1, 5, "=HYPERLINK(\\\"http://x\\\")"));
        Response csv = myWorker.get(BASE + "/" + id + "/results/export");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFF");
        assertThat(csv.body()).contains("题号,题目,题型").contains("读书会,1").contains("'=HYPERLINK")
            .doesNotContain(",=HYPERLINK");
        assertRefused(myWorker.get(BASE + "/" + id + "/results/export?format=pdf"), 400,
                "participation.export.format", "format");
        Response xlsx = myWorker.get(BASE + "/" + id + "/results/export?format=xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml");
        assertThat(xlsx.body()).startsWith("PK");
        // staff out of scope export nothing
        assertRefused(as(TestCaller.communityWorker(theirs.community().id())).get(BASE + "/" + id
                + "/results/export"), 404, "participation.questionnaire.not-found", null);
    }

    @Test
    void a_public_questionnaire_is_answered_through_its_link_without_an_account() {
        JsonNode questionnaire = createOpen("PUBLIC", false);
        String token = questionnaire.path("linkToken").asString();
        assertThat(token).hasSize(43);
        HttpTestClient anyone = HttpTestClient.at(port);
        assertThat(anyone.get("/api/v1/public/participation/questionnaires/" + token).json().path("linkToken")
            .isNull()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(anyone.post("/api/v1/public/participation/questionnaires/" + token + "/responses",
                    answers(questionnaire, 1, 2, null)).status()).isEqualTo(201);
        }
        assertThat(myWorker.get(BASE + "/" + questionnaire.path("id").asLong() + "/results").json().path("responses")
            .asLong()).isEqualTo(3);
        assertThat(anyone.get("/api/v1/public/participation/questionnaires/" + "x".repeat(43)).status())
            .isEqualTo(404);
        // not reachable by id for people
        assertThat(as(residentOf(mine.micro().id())).get(BASE + "/" + questionnaire.path("id").asLong()).status())
            .isEqualTo(404);
    }

    @Test
    void bad_questionnaires_and_bad_answers_are_refused_naming_the_field() {
        String start = "\"gridId\":" + mine.community().id() + ",\"title\":\"t\",\"opensOn\":\"2026-12-10\"";
        assertRefused(myWorker.post(BASE, "{" + start + ",\"closesOn\":\"2026-12-09\",\"questions\":" + questions()
                + "}"), 400, "participation.questionnaire.closes-before-opens", "closesOn");
        assertRefused(myWorker.post(BASE, "{" + start + ",\"closesOn\":\"2026-12-19\",\"audience\":\"WORLD\","
                + "\"questions\":" + questions() + "}"), 400, "participation.questionnaire.audience", "audience");
        assertRefused(myWorker.post(BASE, "{" + start + ",\"closesOn\":\"2026-12-19\",\"questions\":[]}"), 400,
                "participation.questionnaire.questions", "questions");
        assertRefused(myWorker.post(BASE, "{" + start + ",\"closesOn\":\"2026-12-19\",\"questions\":[{\"kind\":"
                + "\"SINGLE\",\"prompt\":\"p\",\"options\":[\"a\"]}]}"), 400, "participation.question.options",
                "questions[0].options");
        assertRefused(myWorker.post(BASE, "{" + start + ",\"closesOn\":\"2026-12-19\",\"questions\":[{\"kind\":"
                + "\"TEXT\",\"prompt\":\"p\"},{\"kind\":\"SCALE\",\"prompt\":\"p\",\"scaleMin\":5,\"scaleMax\":5}]}"),
                400, "participation.question.scale", "questions[1].scaleMax");
        assertRefused(myWorker.post(BASE, "{" + start + ",\"closesOn\":\"2026-12-19\",\"questions\":[{\"kind\":"
                + "\"ESSAY\",\"prompt\":\"p\"}]}"), 400, "participation.question.kind", "questions[0].kind");
        assertRefused(as(TestCaller.communityWorker(theirs.community().id())).post(BASE, "{" + start
                + ",\"closesOn\":\"2026-12-19\",\"questions\":" + questions() + "}"), 400,
                "participation.grid-unknown", "gridId");

        JsonNode questionnaire = createOpen("SUBTREE", false);
        long id = questionnaire.path("id").asLong();
        JsonNode q = questionnaire.path("questions");
        TestCaller resident = residentOf(mine.micro().id());
        String url = BASE + "/" + id + "/responses";
        assertRefused(as(resident).post(url, "{\"answers\":[{\"questionId\":" + q.get(0).path("id").asLong()
                + ",\"options\":[1,2]}]}"), 400, "participation.answer.options", "answers[0].options");
        assertRefused(as(resident).post(url, "{\"answers\":[{\"questionId\":" + q.get(0).path("id").asLong()
                + ",\"options\":[9]}]}"), 400, "participation.answer.option-unknown", "answers[0].options");
        assertRefused(as(resident).post(url, "{\"answers\":[{\"questionId\":" + q.get(0).path("id").asLong()
                + ",\"options\":[1]},{\"questionId\":" + q.get(1).path("id").asLong() + ",\"options\":[1]},"
                + "{\"questionId\":" + q.get(2).path("id").asLong() + ",\"value\":6}]}"), 400,
                "participation.answer.scale", "answers[2].value");
        assertRefused(as(resident).post(url, "{\"answers\":[{\"questionId\":" + q.get(0).path("id").asLong()
                + ",\"options\":[1]}]}"), 400, "participation.answer.required", "answers");
        assertRefused(as(resident).post(url, "{\"answers\":[{\"questionId\":999999999,\"options\":[1]}]}"), 400,
                "participation.answer.question-unknown", "answers[0].questionId");
        // nothing was stored by the refusals: the resident still answers once
        assertThat(as(resident).post(url, answers(questionnaire, 1, 1, null)).status()).isEqualTo(201);
    }
}
