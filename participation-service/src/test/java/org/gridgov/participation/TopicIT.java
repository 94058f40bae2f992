package org.gridgov.participation;

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
 * Deliberation through the REST API: 50 concurrent supports reaching the threshold put the topic on the community's
 * agenda exactly once, one support per person, the decision and a follow-up that asks for an incident by event,
 * the community as the audience, and refusals naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TopicIT {

    static final String BASE = "/api/v1/participation/topics";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PublishedIncidentRequests incidents;

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

    long staffTopic(int threshold) {
        Response raised = myWorker.post(BASE, "{\"gridId\":" + mine.micro().id() + ",\"title\":\"小区东门加装充电桩\","
                + "\"body\":\"电动车在楼道充电有火灾隐患\",\"supportThreshold\":" + threshold + "}");
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        assertThat(raised.json().path("communityId").asLong()).isEqualTo(mine.community().id());
        return raised.json().path("id").asLong();
    }

    @Test
    void fifty_concurrent_supports_reaching_the_threshold_put_the_topic_on_the_agenda_exactly_once() throws Exception {
        long id = staffTopic(10);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TestCaller resident = residentOf(mine.micro().id());
            calls.add(() -> as(resident).post(BASE + "/" + id + "/supports", "{}"));
        }
        assertThat(race(calls)).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        JsonNode topic = myWorker.get(BASE + "/" + id).json();
        assertThat(topic.path("supports").asInt()).isEqualTo(50);
        assertThat(topic.path("state").asString()).isEqualTo("ON_AGENDA");
        assertThat(jdbc.queryForObject("select count(*) from participation_agenda_item where topic_id = ?", Long.class,
                id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from participation_topic_support where topic_id = ?",
                Long.class, id)).isEqualTo(50);
        List<String> timeline = new ArrayList<>();
        topic.path("timeline").forEach(e -> timeline.add(e.path("kind").asString()));
        assertThat(timeline).containsExactly("RAISED", "ON_AGENDA");
        JsonNode agenda = myWorker.get("/api/v1/participation/agenda?communityId=" + mine.community().id()).json();
        assertThat(agenda).singleElement().satisfies(a -> assertThat(a.path("topicId").asLong()).isEqualTo(id));
    }

    @Test
    void fifty_concurrent_supports_by_one_person_count_once() throws Exception {
        long id = staffTopic(2);
        TestCaller resident = residentOf(mine.micro().id());
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> as(resident).post(BASE + "/" + id + "/supports", "{}"));
        }
        List<Response> answers = race(calls);
        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() != 201)).hasSize(49)
            .allSatisfy(r -> assertRefused(r, 409, "participation.topic.supported", null));
        JsonNode topic = as(resident).get(BASE + "/" + id).json();
        assertThat(topic.path("supports").asInt()).isEqualTo(1);
        assertThat(topic.path("supportedByMe").asBoolean()).isTrue();
        assertThat(topic.path("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void a_decided_topic_follows_up_as_an_incident_requested_through_the_shared_kernel() {
        long id = staffTopic(1);
        TestCaller resident = residentOf(mine.micro().id());
        assertRefused(myWorker.post(BASE + "/" + id + "/decision", "{\"decision\":\"同意\"}"), 422,
                "participation.topic.not-on-agenda", "decision");
        assertThat(as(resident).post(BASE + "/" + id + "/comments", "{\"body\":\"支持，晚上错峰充电\"}").status())
            .isEqualTo(201);
        assertThat(as(resident).post(BASE + "/" + id + "/supports", "{}").json().path("state").asString())
            .isEqualTo("ON_AGENDA");
        assertRefused(as(resident).post(BASE + "/" + id + "/decision", "{\"decision\":\"同意\"}"), 403, null, null);
        assertRefused(myWorker.post(BASE + "/" + id + "/follow-up", "{\"kind\":\"INCIDENT\"}"), 422,
                "participation.topic.not-decided", "kind");
        JsonNode decided = myWorker.post(BASE + "/" + id + "/decision", "{\"decision\":\"议事会同意加装 20 个充电口\"}")
            .json();
        assertThat(decided.path("state").asString()).isEqualTo("DECIDED");
        assertRefused(as(residentOf(mine.micro().id())).post(BASE + "/" + id + "/supports", "{}"), 422,
                "participation.topic.decided", "id");
        assertRefused(myWorker.post(BASE + "/" + id + "/follow-up", "{\"kind\":\"PARTY\"}"), 400,
                "participation.topic.follow-up", "kind");

        Response followed = myWorker.post(BASE + "/" + id + "/follow-up", "{\"kind\":\"INCIDENT\",\"categoryCode\":"
                + "\"FIRE_SAFETY\",\"note\":\"物业一个月内完成\"}");
        assertThat(followed.status()).as(followed.toString()).isEqualTo(200);
        assertThat(followed.json().path("followUp").asString()).isEqualTo("INCIDENT");
        assertThat(myWorker.post(BASE + "/" + id + "/follow-up", "{\"kind\":\"NONE\"}").status()).isEqualTo(409);
        String key = jdbc.queryForObject("select follow_up_key::text from participation_topic where id = ?",
                String.class, id);
        assertThat(incidents.events()).filteredOn(e -> e.requestKey().toString().equals(key)).singleElement()
            .satisfies(e -> {
                assertThat(e.origin()).isEqualTo("DELIBERATION");
                assertThat(e.gridId()).isEqualTo(mine.micro().id());
                assertThat(e.categoryCode()).isEqualTo("FIRE_SAFETY");
                assertThat(e.description()).contains("议事会同意加装 20 个充电口");
            });
        List<String> timeline = new ArrayList<>();
        JsonNode topic = as(resident).get(BASE + "/" + id).json();
        topic.path("timeline").forEach(e -> timeline.add(e.path("kind").asString()));
        assertThat(timeline).containsExactly("RAISED", "ON_AGENDA", "DECIDED", "FOLLOWED_UP");
        // a resident's comment is shown as 居民, never by their login
        assertThat(topic.path("comments").get(0).path("author").asString()).isEqualTo("居民");
        assertThat(topic.toString()).doesNotContain(resident.username());
    }

    @Test
    void only_the_communitys_people_see_and_take_part_and_refusals_name_the_field() {
        long id = staffTopic(5);
        TestCaller stranger = residentOf(theirs.micro().id());
        assertRefused(as(stranger).get(BASE + "/" + id), 404, "participation.topic.not-found", null);
        assertRefused(as(stranger).post(BASE + "/" + id + "/supports", "{}"), 404, "participation.topic.not-found",
                null);
        assertThat(as(stranger).get(BASE + "?size=200").body()).doesNotContain("\"id\":" + id + ",");
        assertRefused(as(TestCaller.communityWorker(theirs.community().id())).get(BASE + "/" + id), 404,
                "participation.topic.not-found", null);
        assertRefused(as(TestCaller.communityWorker(theirs.community().id())).get("/api/v1/participation/agenda"
                + "?communityId=" + mine.community().id()), 400, "participation.grid-unknown", "communityId");

        // a resident raises a topic in their own community, with the default threshold, shown as 居民
        TestCaller resident = residentOf(mine.micro().id());
        Response raised = as(resident).post(BASE, "{\"gridId\":" + mine.community().id() + ",\"title\":\"加装路灯\","
                + "\"body\":\"三号楼后面太黑\"}");
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        assertThat(raised.json().path("raisedBy").asString()).isEqualTo("居民");
        assertThat(raised.json().path("supportThreshold").asInt()).isEqualTo(20);
        assertThat(as(resident).get(BASE + "?size=200").body()).contains("\"id\":" + id + ",");
        assertRefused(as(resident).post(BASE, "{\"gridId\":" + theirs.community().id() + ",\"title\":\"t\","
                + "\"body\":\"b\"}"), 400, "participation.grid-unknown", "gridId");
        assertRefused(as(resident).post(BASE, "{\"gridId\":" + mine.community().id() + ",\"title\":\"t\","
                + "\"body\":\"b\",\"supportThreshold\":1}"), 400, "participation.topic.threshold-staff-only",
                "supportThreshold");
        assertRefused(myWorker.post(BASE, "{\"gridId\":" + mine.street().id() + ",\"title\":\"t\",\"body\":\"b\"}"),
                400, "participation.grid-unknown", "gridId");
        assertRefused(myWorker.post(BASE, "{\"gridId\":" + mine.community().id() + ",\"title\":\"t\",\"body\":\" \"}"),
                400, "field.required", "body");
        assertRefused(myWorker.post(BASE, "{\"gridId\":" + mine.community().id() + ",\"title\":\"t\",\"body\":\"b\","
                + "\"supportThreshold\":0}"), 400, "participation.topic.threshold", "supportThreshold");
        assertRefused(as(resident).post(BASE + "/" + id + "/comments", "{\"body\":\"\"}"), 400, "field.required",
                "body");
        assertRefused(myWorker.get(BASE + "?state=MAYBE"), 400, "participation.topic.state", "state");
    }
}
