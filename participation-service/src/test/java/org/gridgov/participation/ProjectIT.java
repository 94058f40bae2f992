package org.gridgov.participation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridgov.participation.ActivityIT.race;
import static org.gridgov.participation.QuestionnaireIT.residentOf;
import static org.gridgov.participation.SpaceBookingIT.assertRefused;

/**
 * Micro-governance projects through the REST API: the state machine and its refused moves naming the state, the
 * 益·社 partners by id, the data scope of staff of another street, the public list of a street, one rating per
 * resident under 50 parallel attempts, a topic followed up as MICRO_PROJECT, and refusals naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectIT {

    static final String BASE = "/api/v1/participation/projects";
    static final String PUBLIC = "/api/v1/public/participation/projects";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestTree mine;
    TestTree theirs;
    HttpTestClient myWorker;
    long partner;

    @BeforeEach
    void setUp() {
        GridTreeFixture grids = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin()));
        mine = grids.tree();
        theirs = grids.tree();
        myWorker = as(TestCaller.communityWorker(mine.community().id()));
        partner = jdbc.queryForObject("insert into points_partner (name, kind) values ('益·社 绿色家园', "
                + "'SOCIAL_ENTERPRISE') returning id", Long.class);
    }

    HttpTestClient as(TestCaller caller) {
        return HttpTestClient.at(port).as(caller);
    }

    long propose(HttpTestClient who, long gridId) {
        Response proposed = who.post(BASE, "{\"gridId\":" + gridId + ",\"title\":\"老旧院落微更新：增设休闲座椅\","
                + "\"description\":\"在院落东侧空地增设 6 组休闲座椅\",\"partnerIds\":[" + partner + "],"
                + "\"budgetYuan\":12000.50,\"budgetSource\":\"COMMUNITY_FUND\"}");
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        return proposed.json().path("id").asLong();
    }

    long completed() {
        long id = propose(myWorker, mine.micro().id());
        assertThat(myWorker.post(BASE + "/" + id + "/approve", "{}").status()).isEqualTo(200);
        assertThat(myWorker.post(BASE + "/" + id + "/start", "{}").status()).isEqualTo(200);
        assertThat(myWorker.post(BASE + "/" + id + "/complete", "{}").status()).isEqualTo(200);
        return id;
    }

    @Test
    void a_project_moves_proposed_approved_in_progress_completed_and_refuses_other_moves_naming_the_state() {
        long id = propose(myWorker, mine.micro().id());
        JsonNode proposed = myWorker.get(BASE + "/" + id).json();
        assertThat(proposed.path("state").asString()).isEqualTo("PROPOSED");
        assertThat(proposed.path("budgetFen").asLong()).isEqualTo(1_200_050);
        assertThat(proposed.path("budgetYuan").asString()).isEqualTo("12000.50");
        assertThat(proposed.path("communityId").asLong()).isEqualTo(mine.community().id());
        assertThat(proposed.path("streetId").asLong()).isEqualTo(mine.street().id());
        assertThat(proposed.path("partners").get(0).path("name").asString()).isEqualTo("益·社 绿色家园");

        assertIllegal(myWorker.post(BASE + "/" + id + "/start", "{}"), "PROPOSED");
        assertIllegal(myWorker.post(BASE + "/" + id + "/complete", "{}"), "PROPOSED");
        assertIllegal(myWorker.post(BASE + "/" + id + "/milestones", milestone(10)), "PROPOSED");
        assertIllegal(as(residentOf(mine.micro().id())).post(BASE + "/" + id + "/ratings", "{\"stars\":5}"),
                "PROPOSED");

        JsonNode approved = myWorker.post(BASE + "/" + id + "/approve", "{\"note\":\"同意实施\"}").json();
        assertThat(approved.path("state").asString()).isEqualTo("APPROVED");
        assertThat(approved.path("decisionNote").asString()).isEqualTo("同意实施");
        assertIllegal(myWorker.post(BASE + "/" + id + "/approve", "{}"), "APPROVED");
        assertIllegal(myWorker.post(BASE + "/" + id + "/reject", "{\"note\":\"不行\"}"), "APPROVED");
        assertIllegal(myWorker.post(BASE + "/" + id + "/complete", "{}"), "APPROVED");

        assertThat(myWorker.post(BASE + "/" + id + "/milestones", milestone(20)).status()).isEqualTo(201);
        assertThat(myWorker.post(BASE + "/" + id + "/start", "{}").json().path("state").asString())
            .isEqualTo("IN_PROGRESS");
        Response second = as(TestCaller.gridWorker(mine.micro().id())).post(BASE + "/" + id + "/milestones",
                milestone(60));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().path("progress").asInt()).isEqualTo(60);
        assertThat(second.json().path("milestones")).hasSize(2);
        assertIllegal(myWorker.post(BASE + "/" + id + "/start", "{}"), "IN_PROGRESS");

        JsonNode done = myWorker.post(BASE + "/" + id + "/complete", "{}").json();
        assertThat(done.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(done.path("progress").asInt()).isEqualTo(100);
        assertIllegal(myWorker.post(BASE + "/" + id + "/milestones", milestone(100)), "COMPLETED");
        assertIllegal(myWorker.post(BASE + "/" + id + "/approve", "{}"), "COMPLETED");

        long rejected = propose(myWorker, mine.community().id());
        assertRefused(myWorker.post(BASE + "/" + rejected + "/reject", "{\"note\":\" \"}"), 400, "field.required",
                "note");
        assertThat(myWorker.post(BASE + "/" + rejected + "/reject", "{\"note\":\"预算超出额度\"}").json().path("state")
            .asString()).isEqualTo("REJECTED");
        assertIllegal(myWorker.post(BASE + "/" + rejected + "/approve", "{}"), "REJECTED");
        assertIllegal(myWorker.post(BASE + "/" + rejected + "/start", "{}"), "REJECTED");
        assertThat(myWorker.get(BASE + "?state=REJECTED&size=200").body()).contains("\"id\":" + rejected + ",")
            .doesNotContain("\"id\":" + id + ",");
    }

    @Test
    void staff_of_another_street_neither_see_nor_approve_and_the_public_list_shows_a_streets_approved_projects_only() {
        long proposed = propose(myWorker, mine.micro().id());
        long approved = propose(as(TestCaller.streetOfficer(mine.street().id())), mine.community().id());
        HttpTestClient otherStreet = as(TestCaller.streetOfficer(theirs.street().id()));
        assertRefused(otherStreet.post(BASE + "/" + approved + "/approve", "{}"), 404,
                "participation.project.not-found", null);
        assertRefused(otherStreet.get(BASE + "/" + approved), 404, "participation.project.not-found", null);
        assertThat(otherStreet.get(BASE + "?size=200").body()).doesNotContain("\"id\":" + approved + ",");
        assertRefused(otherStreet.post(BASE, "{\"gridId\":" + mine.community().id() + ",\"title\":\"t\","
                + "\"description\":\"d\",\"budgetYuan\":1,\"budgetSource\":\"STREET\"}"), 400,
                "participation.grid-unknown", "gridId");
        assertRefused(as(residentOf(mine.micro().id())).post(BASE + "/" + approved + "/approve", "{}"), 403, null,
                null);
        assertRefused(as(TestCaller.gridWorker(mine.micro().id())).post(BASE + "/" + approved + "/approve", "{}"),
                403, null, null);
        assertThat(as(TestCaller.streetOfficer(mine.street().id())).post(BASE + "/" + approved + "/approve", "{}")
            .status()).isEqualTo(200);
        assertRefused(as(residentOf(theirs.micro().id())).get(BASE + "/" + approved), 404,
                "participation.project.not-found", null);
        assertThat(as(residentOf(mine.micro().id())).get(BASE + "/" + approved).status()).isEqualTo(200);

        Response list = HttpTestClient.at(port).get(PUBLIC + "?streetId=" + mine.street().id());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("items")).singleElement().satisfies(p -> {
            assertThat(p.path("id").asLong()).isEqualTo(approved);
            assertThat(p.path("state").asString()).isEqualTo("APPROVED");
            assertThat(p.path("budgetYuan").asString()).isEqualTo("12000.50");
            assertThat(p.path("partners").get(0).asString()).isEqualTo("益·社 绿色家园");
        });
        assertThat(list.body()).doesNotContain("\"id\":" + proposed + ",").doesNotContain("street_officer-")
            .doesNotContain("community_worker-").doesNotContain("proposedBy").doesNotContain("decidedBy");
        assertThat(HttpTestClient.at(port).get(PUBLIC + "?streetId=" + theirs.street().id()).json().path("items"))
            .isEmpty();
        assertRefused(HttpTestClient.at(port).get(PUBLIC + "?streetId=" + mine.community().id()), 400,
                "participation.project.street-unknown", "streetId");
        assertRefused(HttpTestClient.at(port).get(PUBLIC), 400, "field.required", "streetId");
    }

    @Test
    void fifty_parallel_ratings_by_one_resident_count_once_and_each_resident_rates_once() throws Exception {
        long id = completed();
        TestCaller resident = residentOf(mine.micro().id());
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> as(resident).post(BASE + "/" + id + "/ratings", "{\"stars\":4}"));
        }
        List<Response> answers = race(calls);
        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() != 201)).hasSize(49)
            .allSatisfy(r -> assertRefused(r, 409, "participation.project.rated", null));

        List<Callable<Response>> others = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TestCaller neighbour = residentOf(mine.micro().id());
            others.add(() -> as(neighbour).post(BASE + "/" + id + "/ratings", "{\"stars\":5}"));
        }
        assertThat(race(others)).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(jdbc.queryForObject("select count(*) from participation_project_rating where project_id = ?",
                Long.class, id)).isEqualTo(51);
        JsonNode project = as(resident).get(BASE + "/" + id).json();
        assertThat(project.path("ratings").asInt()).isEqualTo(51);
        assertThat(project.path("myRating").asInt()).isEqualTo(4);
        assertThat(project.path("averageRating").asDouble()).isEqualTo(4.98);

        assertRefused(as(residentOf(theirs.micro().id())).post(BASE + "/" + id + "/ratings", "{\"stars\":5}"), 404,
                "participation.project.not-found", null);
        assertRefused(as(residentOf(mine.micro().id())).post(BASE + "/" + id + "/ratings", "{\"stars\":6}"), 400,
                "participation.project.stars", "stars");
        assertRefused(as(residentOf(mine.micro().id())).post(BASE + "/" + id + "/ratings", "{}"), 400,
                "participation.project.stars", "stars");
        assertRefused(myWorker.post(BASE + "/" + id + "/ratings", "{\"stars\":5}"), 403,
                "participation.project.not-a-resident", null);
    }

    @Test
    void a_topic_followed_up_as_micro_project_becomes_a_proposed_project_approved_with_its_budget() {
        Response raised = myWorker.post(TopicIT.BASE, "{\"gridId\":" + mine.micro().id() + ",\"title\":\"楼道加装扶手\","
                + "\"body\":\"老人上下楼不便\",\"supportThreshold\":1}");
        long topic = raised.json().path("id").asLong();
        assertThat(as(residentOf(mine.micro().id())).post(TopicIT.BASE + "/" + topic + "/supports", "{}").status())
            .isEqualTo(201);
        assertThat(myWorker.post(TopicIT.BASE + "/" + topic + "/decision", "{\"decision\":\"同意加装扶手\"}").status())
            .isEqualTo(200);
        Response followed = myWorker.post(TopicIT.BASE + "/" + topic + "/follow-up",
                "{\"kind\":\"MICRO_PROJECT\",\"note\":\"由社区合伙人实施\"}");
        assertThat(followed.status()).as(followed.toString()).isEqualTo(200);

        JsonNode project = myWorker.get(BASE + "?state=PROPOSED&size=200").json().path("items");
        JsonNode mineFromTopic = null;
        for (JsonNode p : project) {
            if (p.path("topicId").asLong() == topic) {
                mineFromTopic = p;
            }
        }
        assertThat(mineFromTopic).as("the project of topic " + topic).isNotNull();
        assertThat(mineFromTopic.path("title").asString()).isEqualTo("楼道加装扶手");
        assertThat(mineFromTopic.path("description").asString()).contains("同意加装扶手").contains("由社区合伙人实施");
        assertThat(mineFromTopic.path("gridId").asLong()).isEqualTo(mine.micro().id());
        assertThat(mineFromTopic.path("budgetFen").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from participation_project where topic_id = ?", Long.class,
                topic)).isEqualTo(1);
        long id = mineFromTopic.path("id").asLong();
        assertRefused(myWorker.post(BASE + "/" + id + "/approve", "{}"), 400, "field.required", "budgetYuan");
        assertRefused(myWorker.post(BASE + "/" + id + "/approve", "{\"budgetYuan\":800}"), 400, "field.required",
                "budgetSource");
        JsonNode approved = myWorker.post(BASE + "/" + id + "/approve", "{\"budgetYuan\":800,\"budgetSource\":"
                + "\"STREET\"}").json();
        assertThat(approved.path("state").asString()).isEqualTo("APPROVED");
        assertThat(approved.path("budgetFen").asLong()).isEqualTo(80_000);
        assertThat(approved.path("budgetSource").asString()).isEqualTo("STREET");
    }

    @Test
    void bad_proposals_and_milestones_are_refused_naming_the_field() {
        String grid = "{\"gridId\":" + mine.community().id();
        String ok = ",\"title\":\"t\",\"description\":\"d\"";
        assertRefused(myWorker.post(BASE, "{\"title\":\"t\",\"description\":\"d\",\"budgetYuan\":1,"
                + "\"budgetSource\":\"STREET\"}"), 400, "field.required", "gridId");
        assertRefused(myWorker.post(BASE, grid + ",\"title\":\" \",\"description\":\"d\",\"budgetYuan\":1,"
                + "\"budgetSource\":\"STREET\"}"), 400, "field.required", "title");
        assertRefused(myWorker.post(BASE, grid + ",\"title\":\"t\",\"budgetYuan\":1,\"budgetSource\":\"STREET\"}"), 400,
                "field.required", "description");
        assertRefused(myWorker.post(BASE, grid + ok + ",\"budgetSource\":\"STREET\"}"), 400, "field.required",
                "budgetYuan");
        assertRefused(myWorker.post(BASE, grid + ok + ",\"budgetYuan\":0,\"budgetSource\":\"STREET\"}"), 400,
                "participation.project.budget", "budgetYuan");
        assertRefused(myWorker.post(BASE, grid + ok + ",\"budgetYuan\":10.005,\"budgetSource\":\"STREET\"}"), 400,
                "participation.project.budget", "budgetYuan");
        assertRefused(myWorker.post(BASE, grid + ok + ",\"budgetYuan\":10}"), 400, "field.required", "budgetSource");
        assertRefused(myWorker.post(BASE, grid + ok + ",\"budgetYuan\":10,\"budgetSource\":\"LOTTERY\"}"), 400,
                "participation.project.budget-source", "budgetSource");
        assertRefused(myWorker.post(BASE, grid + ok + ",\"budgetYuan\":10,\"budgetSource\":\"STREET\","
                + "\"partnerIds\":[999999999]}"), 400, "participation.project.partner-unknown", "partnerIds");
        assertRefused(as(TestCaller.streetOfficer(mine.street().id())).post(BASE, "{\"gridId\":" + mine.street().id()
                + ok + ",\"budgetYuan\":10,"
                + "\"budgetSource\":\"STREET\"}"), 400, "participation.project.not-in-community", "gridId");
        assertRefused(as(TestCaller.gridWorker(mine.micro().id())).post(BASE, grid + ok + ",\"budgetYuan\":10,"
                + "\"budgetSource\":\"STREET\"}"), 403, "participation.managers-only", null);
        assertRefused(myWorker.get(BASE + "?state=DREAMING"), 400, "participation.project.state-unknown", "state");

        long id = propose(myWorker, mine.community().id());
        myWorker.post(BASE + "/" + id + "/approve", "{}");
        assertRefused(myWorker.post(BASE + "/" + id + "/milestones", "{\"reachedOn\":\"2026-01-01\",\"progress\":5}"),
                400, "field.required", "title");
        assertRefused(myWorker.post(BASE + "/" + id + "/milestones", "{\"title\":\"t\",\"progress\":5}"), 400,
                "field.required", "reachedOn");
        assertRefused(myWorker.post(BASE + "/" + id + "/milestones", "{\"title\":\"t\",\"reachedOn\":\""
                + LocalDate.now().plusDays(3) + "\",\"progress\":5}"), 400, "participation.project.milestone-future",
                "reachedOn");
        assertRefused(myWorker.post(BASE + "/" + id + "/milestones", "{\"title\":\"t\",\"reachedOn\":\"2026-01-01\","
                + "\"progress\":101}"), 400, "participation.project.progress", "progress");
        assertRefused(myWorker.post(BASE + "/" + id + "/milestones", "{\"title\":\"t\",\"reachedOn\":\"yesterday\","
                + "\"progress\":5}"), 400, null, "reachedOn");
        assertRefused(myWorker.post(BASE + "/999999999/approve", "{}"), 404, "participation.project.not-found", null);
    }

    @Test
    void the_public_list_follows_a_community_moved_to_another_street() {
        HttpTestClient admin = as(TestCaller.admin());
        GridTreeFixture grids = new GridTreeFixture(admin);
        JsonNode district = admin.get("/api/v1/grids/" + mine.district().id()).json();
        JsonNode street = admin.get("/api/v1/grids/" + mine.street().id()).json();
        JsonNode newStreet = grids.create("STREET", district, null);
        JsonNode community = grids.create("COMMUNITY", street, null);
        long id = propose(admin, GridTreeFixture.id(community));
        assertThat(admin.post(BASE + "/" + id + "/approve", "{}").status()).isEqualTo(200);
        assertThat(HttpTestClient.at(port).get(PUBLIC + "?streetId=" + mine.street().id()).body())
            .contains("\"id\":" + id + ",");

        String etag = admin.get("/api/v1/grids/" + GridTreeFixture.id(community)).header("ETag");
        Response moved = admin.header("If-Match", etag).post("/api/v1/grids/" + GridTreeFixture.id(community)
                + "/move", "{\"parentCode\":\"" + GridTreeFixture.code(newStreet) + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        assertThat(HttpTestClient.at(port).get(PUBLIC + "?streetId=" + mine.street().id()).body())
            .doesNotContain("\"id\":" + id + ",");
        assertThat(HttpTestClient.at(port).get(PUBLIC + "?streetId=" + GridTreeFixture.id(newStreet)).json()
            .path("items")).singleElement().satisfies(p -> assertThat(p.path("id").asLong()).isEqualTo(id));
        assertThat(admin.get(BASE + "/" + id).json().path("streetId").asLong())
            .isEqualTo(GridTreeFixture.id(newStreet));
    }

    @Test
    void milestone_photos_are_images_judged_by_content_and_read_by_whoever_sees_the_project() throws Exception {
        long id = propose(myWorker, mine.micro().id());
        myWorker.post(BASE + "/" + id + "/approve", "{}");
        long milestone = myWorker.post(BASE + "/" + id + "/milestones", milestone(30)).json().path("milestones")
            .get(0).path("id").asLong();
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 4,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        String photos = BASE + "/" + id + "/milestones/" + milestone + "/photos";

        Response added = myWorker.postFile(photos, "座椅.png", "image/png", png.toByteArray());
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        long photo = added.json().path("milestones").get(0).path("photoIds").get(0).asLong();
        Response read = as(residentOf(mine.micro().id())).get(BASE + "/" + id + "/photos/" + photo);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.contentType()).startsWith("image/png");

        assertRefused(myWorker.postFile(photos, "fake.png", "image/png", "not an image".getBytes()), 415,
                "participation.project.photo-not-an-image", null);
        assertRefused(myWorker.postFile(BASE + "/" + id + "/milestones/999999999/photos", "a.png", "image/png",
                png.toByteArray()), 404, "participation.project.milestone-not-found", null);
        assertRefused(as(TestCaller.streetOfficer(theirs.street().id())).postFile(photos, "a.png", "image/png",
                png.toByteArray()), 404, "participation.project.not-found", null);
        assertRefused(as(residentOf(theirs.micro().id())).get(BASE + "/" + id + "/photos/" + photo), 404,
                "participation.project.not-found", null);
        assertRefused(as(residentOf(mine.micro().id())).postFile(photos, "a.png", "image/png", png.toByteArray()),
                403, "participation.staff-only", null);
    }

    @Test
    void grid_figures_count_the_subtrees_projects_by_state_activities_and_participants() {
        completed();
        propose(myWorker, mine.micro().id());
        propose(as(TestCaller.communityWorker(theirs.community().id())), theirs.community().id());
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS);
        Response activity = myWorker.post("/api/v1/participation/activities", "{\"gridId\":" + mine.community().id()
                + ",\"title\":\"邻里月台读书会\",\"organiserKind\":\"PARTNER\",\"organiserName\":\"益·社 绿色家园\","
                + "\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plus(2, ChronoUnit.HOURS) + "\",\"capacity\":1}");
        assertThat(activity.status()).as(activity.toString()).isEqualTo(201);
        long activityId = activity.json().path("id").asLong();
        for (int i = 0; i < 2; i++) {
            assertThat(as(residentOf(mine.micro().id())).post("/api/v1/participation/activities/" + activityId
                    + "/signups", "{\"role\":\"PARTICIPANT\"}").status()).isEqualTo(201);
        }

        JsonNode figures = myWorker.get("/api/v1/grids/" + mine.community().id() + "/figures").json()
            .path("extensions").path("participation");
        assertThat(figures.path("projectsByState").path("PROPOSED").asLong()).isEqualTo(1);
        assertThat(figures.path("projectsByState").path("COMPLETED").asLong()).isEqualTo(1);
        assertThat(figures.path("projectsByState").path("APPROVED").asLong()).isZero();
        assertThat(figures.path("activities").asLong()).isEqualTo(1);
        assertThat(figures.path("participants").asLong()).as("the second waits").isEqualTo(1);
        assertThat(figures.path("bookings").asLong()).isZero();
        assertThat(figures.path("questionnaireResponses").asLong()).isZero();
        JsonNode micro = myWorker.get("/api/v1/grids/" + mine.micro().id() + "/figures").json().path("extensions")
            .path("participation");
        assertThat(micro.path("projectsByState").path("PROPOSED").asLong()).isEqualTo(1);
        assertThat(micro.path("activities").asLong()).isZero();
    }

    static void assertIllegal(Response response, String state) {
        assertRefused(response, 409, "participation.project.state", "state");
        assertThat(response.json().path("state").asString()).as(response.toString()).isEqualTo(state);
        assertThat(response.json().path("detail").asString()).contains(state);
    }

    static String milestone(int progress) {
        return "{\"title\":\"座椅安装完成\",\"note\":\"6 组\",\"reachedOn\":\"2026-11-30\",\"progress\":" + progress + "}";
    }
}
