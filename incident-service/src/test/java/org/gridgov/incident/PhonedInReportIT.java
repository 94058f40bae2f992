package org.gridgov.incident;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident's call taken by grid staff (电话) or on the community's hotline (热线): a source of its own, recorded
 * with the caller's contact for the call-back — encrypted, answered masked. Only staff take calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PhonedInReportIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient communityWorker;
    HttpTestClient resident;
    GridTreeFixture.TestTree tree;

    @BeforeEach
    void setUp() {
        HttpTestClient http = HttpTestClient.at(port);
        tree = new GridTreeFixture(http.as(TestCaller.admin())).tree();
        communityWorker = http.as(TestCaller.communityWorker(tree.community().id()));
        resident = http.as(TestCaller.resident());
    }

    private HttpTestClient.Response report(HttpTestClient client, String source) {
        return client.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"NOISE\",\"source\":\"" + source + "\",\"description\":\"居民来电反映夜间施工噪音\","
                        + "\"lat\":" + tree.lat() + ",\"lng\":" + tree.lng()
                        + ",\"contact\":{\"name\":\"李明\",\"phone\":\"13800138000\"}}");
    }

    @Test
    void staff_record_a_phoned_in_report_with_its_caller_kept_encrypted_and_answered_masked() {
        var phoned = report(communityWorker, "PHONE");
        var hotline = report(communityWorker, "HOTLINE");

        assertThat(phoned.status()).as(phoned.toString()).isEqualTo(201);
        JsonNode incident = phoned.json().path("incident");
        assertThat(incident.path("source").asString()).isEqualTo("PHONE");
        assertThat(incident.path("assigneeName").asString()).isEqualTo("王建国");
        assertThat(hotline.status()).as(hotline.toString()).isEqualTo(201);
        assertThat(hotline.json().path("incident").path("source").asString()).isEqualTo("HOTLINE");
        JsonNode read = communityWorker.get("/api/v1/incidents/" + incident.path("id").asLong()).json();
        assertThat(read.path("contact").path("name").asString()).isEqualTo("李*");
        assertThat(read.path("contact").path("phone").asString()).isEqualTo("138****8000");
        assertThat(jdbc.queryForObject("select count(*) from incident_contact where incident_id = ? and phone_enc is "
                + "not null and position(convert_to('13800138000', 'UTF8') in phone_enc) = 0", Long.class,
                incident.path("id").asLong())).isOne();
        assertThat(communityWorker.get("/api/v1/incidents?source=PHONE").body())
            .contains(incident.path("trackingCode").asString())
            .doesNotContain(hotline.json().path("incident").path("trackingCode").asString());
    }

    @Test
    void a_resident_may_not_report_as_a_phone_call_or_the_hotline() {
        long before = jdbc.queryForObject("select count(*) from incident", Long.class);

        var phone = report(resident, "PHONE");
        var hotline = report(resident, "HOTLINE");

        assertThat(phone.status()).isEqualTo(403);
        assertThat(phone.json().path("code").asString()).isEqualTo("incident.source-forbidden");
        assertThat(hotline.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from incident", Long.class)).isEqualTo(before);
    }
}
