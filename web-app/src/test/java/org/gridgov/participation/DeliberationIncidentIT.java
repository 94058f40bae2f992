package org.gridgov.participation;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deliberation's follow-up reaches the incident module through the shared kernel: a decided topic followed up as
 * INCIDENT becomes one GRID_PATROL incident in the topic's grid, reported on behalf of the community worker. The one
 * test with both modules running; participation-service's TopicIT checks the request it publishes, on its own.
 */
@PlatformTest
class DeliberationIncidentIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_decided_topic_followed_up_as_an_incident_becomes_one_incident_in_the_topics_grid() {
        HttpTestClient admin = ApiLogin.admin(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        AccountFixture accounts = new AccountFixture(port, admin);
        HttpTestClient worker = accounts.staff("COMMUNITY_WORKER", tree.community().id());
        HttpTestClient resident = accounts.as("RESIDENT", ",\"scopeNodeId\":" + tree.micro().id());

        var topic = worker.post("/api/v1/participation/topics", "{\"gridId\":" + tree.micro().id() + ",\"title\":"
                + "\"楼道堆放杂物\",\"body\":\"三单元楼道长期堆放纸箱，影响消防通道\",\"supportThreshold\":1}");
        assertThat(topic.status()).as(topic.toString()).isEqualTo(201);
        long id = topic.json().path("id").asLong();
        var supported = resident.post("/api/v1/participation/topics/" + id + "/supports", "{}");
        assertThat(supported.status()).as(supported.toString()).isEqualTo(201);
        assertThat(supported.json().path("state").asString()).isEqualTo("ON_AGENDA");
        assertThat(worker.post("/api/v1/participation/topics/" + id + "/decision", "{\"decision\":\"议事会决定：一周内"
                + "清理楼道\"}").status()).isEqualTo(200);
        String note = "清理 " + Unique.next();
        var followed = worker.post("/api/v1/participation/topics/" + id + "/follow-up", "{\"kind\":\"INCIDENT\","
                + "\"note\":\"" + note + "\"}");
        assertThat(followed.status()).as(followed.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from incident where "
                + "description like ? and source = 'GRID_PATROL'", Long.class, "%" + note + "%") == 1);
        assertThat(jdbc.queryForObject("select grid_id from incident where description like ?", Long.class,
                "%" + note + "%")).isEqualTo(tree.micro().id());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select count(*) from incident where description like ?", Long.class, "%" + note + "%") == 1);
    }
}
