package org.gridgov.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.identity.testing.TestAdmin;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A 12345 hotline (一网统管) sends its tickets with its client credentials: its ticket number kept unique per source
 * and searchable, its category codes mapped (unmapped ones wait for triage), the caller's contact kept for the
 * call-back and protected like residents' data, 督办 and 延期 on the timeline, and its three-level satisfaction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HotlineIntakeIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final JsonMapper json = JsonMapper.builder().build();

    HttpTestClient admin;
    HttpTestClient hotline;
    TestTree tree;
    /** A source of this test's own, so tickets and mappings of other runs never meet it. */
    String source;

    @BeforeEach
    void setUp() {
        admin = TestAdmin.login(port);
        tree = new GridTreeFixture(admin).tree();
        hotline = integratorFor("12345 热线", tree.street().id());
        source = "HOTLINE_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        var mapped = admin.put("/api/v1/incident-categories/mappings/" + source + "/0301",
                "{\"category\":\"ENVIRONMENT\",\"externalName\":\"市容环境-垃圾清运\"}");
        assertThat(mapped.status()).as(mapped.toString()).isEqualTo(200);
    }

    @Test
    void a_ticket_is_one_incident_per_source_found_by_its_number_and_carried_in_webhook_payloads() throws Exception {
        var first = report("GD-0001", "0301", ",\"contact\":{\"name\":\"李明\",\"phone\":\"13800138000\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode incident = first.json().path("incident");
        long id = incident.path("id").asLong();
        assertThat(incident.path("category").asString()).isEqualTo("ENVIRONMENT");
        assertThat(incident.path("needsTriage").asBoolean()).isFalse();
        assertThat(incident.path("externalRef").path("source").asString()).isEqualTo(source);
        assertThat(incident.path("externalRef").path("ticket").asString()).isEqualTo("GD-0001");
        assertThat(incident.path("contact").path("name").asString()).isEqualTo("李*");
        assertThat(incident.path("contact").path("phone").asString()).isEqualTo("138****8000");

        var repeat = report("GD-0001", "0301", "");
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(409);
        assertThat(repeat.contentType()).startsWith("application/problem+json");
        assertThat(repeat.json().path("code").asString()).isEqualTo("incident.external-ref-taken");
        assertThat(repeat.json().path("incidentId").asLong()).isEqualTo(id);
        assertThat(repeat.json().path("trackingCode").asString()).isEqualTo(incident.path("trackingCode").asString());
        assertThat(jdbc.queryForObject("select count(*) from incident where external_source = ?", Long.class, source))
            .isOne();
        assertThat(report("GD-0002", "0301", "").status()).isEqualTo(201);

        JsonNode found = hotline.get("/api/v1/incidents?externalSource=" + source + "&externalTicket=GD-0001").json();
        assertThat(found.path("items").findValuesAsString("trackingCode"))
            .containsExactly(incident.path("trackingCode").asString());
        assertThat(hotline.get("/api/v1/incidents?externalSource=" + source).json().path("totalElements").asLong())
            .isEqualTo(2);
        assertThat(admin.get("/api/v1/incidents/" + id).json().path("externalRef").path("ticket").asString())
            .isEqualTo("GD-0001");

        JsonNode created = json.readTree(jdbc.queryForObject("select payload::text from outbox_event where "
                + "aggregate_key = ? and type = 'incident.created'", String.class, "incident:" + id));
        assertThat(created.path("data").path("externalRef").path("source").asString()).isEqualTo(source);
        assertThat(created.path("data").path("externalRef").path("ticket").asString()).isEqualTo("GD-0001");

        byte[] phone = jdbc.queryForObject("select phone_enc from incident_contact where incident_id = ?",
                byte[].class, id);
        assertThat(new String(phone, StandardCharsets.ISO_8859_1)).doesNotContain("13800138000");
    }

    @Test
    void an_unmapped_category_code_waits_in_triage_flagged_until_staff_classify_it() {
        var response = report("GD-0100", "9999", "");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode incident = response.json().path("incident");
        assertThat(incident.path("category").asString()).isEqualTo("TRIAGE");
        assertThat(incident.path("needsTriage").asBoolean()).isTrue();
        assertThat(admin.get("/api/v1/incidents?needsTriage=true&externalSource=" + source).json().path("items")
            .findValuesAsString("trackingCode")).containsExactly(incident.path("trackingCode").asString());
        assertThat(admin.get("/api/v1/incidents/" + incident.path("id").asLong() + "/timeline").json().get(0)
            .path("note").asString()).contains("9999").contains("triage");

        long id = incident.path("id").asLong();
        HttpTestClient worker = TestAdmin.accounts(port).staff("COMMUNITY_WORKER", tree.community().id());
        assertRefused(worker.header("If-Match", etag(worker, id)).post("/api/v1/incidents/" + id + "/classify",
                "{\"category\":\"TRIAGE\"}"), 422, "category");
        var classified = worker.header("If-Match", etag(worker, id)).post("/api/v1/incidents/" + id + "/classify",
                "{\"category\":\"ENVIRONMENT\",\"note\":\"按来电内容归类\"}");
        assertThat(classified.status()).as(classified.toString()).isEqualTo(200);
        assertThat(classified.json().path("category").asString()).isEqualTo("ENVIRONMENT");
        assertThat(classified.json().path("needsTriage").asBoolean()).isFalse();
        assertThat(classified.json().path("expectedResolutionAt").asString())
            .isEqualTo(incident.path("expectedResolutionAt").asString());
        assertThat(worker.get("/api/v1/incidents/" + id + "/timeline").json().findValuesAsString("action"))
            .containsSubsequence("REPORTED", "CLASSIFY");
        assertThat(worker.header("If-Match", classified.header("ETag")).post("/api/v1/incidents/" + id + "/classify",
                "{\"category\":\"NOISE\"}").status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/incidents?needsTriage=true&externalSource=" + source).json().path("items"))
            .isEmpty();

        var mapped = admin.put("/api/v1/incident-categories/mappings/" + source + "/9999",
                "{\"category\":\"NOISE\"}");
        assertThat(mapped.status()).as(mapped.toString()).isEqualTo(200);
        JsonNode next = report("GD-0101", "9999", "").json().path("incident");
        assertThat(next.path("category").asString()).isEqualTo("NOISE");
        assertThat(next.path("needsTriage").asBoolean()).isFalse();
    }

    @Test
    // who may edit them (system administrators only) is AuthorizationMatrixIT's subject, with the web app's rules
    void mappings_are_edited_by_administrators_and_bad_ones_are_refused_naming_the_field() {
        JsonNode list = admin.get("/api/v1/incident-categories/mappings?source=" + source).json();
        assertThat(list.findValuesAsString("externalCode")).containsExactly("0301");
        assertThat(list.get(0).path("category").asString()).isEqualTo("ENVIRONMENT");

        assertRefused(admin.put("/api/v1/incident-categories/mappings/hotline/0302", "{\"category\":\"NOISE\"}"),
                400, "source");
        assertRefused(admin.put("/api/v1/incident-categories/mappings/" + source + "/0302",
                "{\"category\":\"NO_SUCH\"}"), 422, "category");
        assertRefused(admin.put("/api/v1/incident-categories/mappings/" + source + "/0302", "{}"), 400, "category");

        assertThat(admin.delete("/api/v1/incident-categories/mappings/" + source + "/0301").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/incident-categories/mappings/" + source + "/0301").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/incident-categories/mappings?source=" + source).json()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action like "
                + "'INCIDENT_CATEGORY_MAPPING_%' and target_id like ?", Long.class, source + ":%")).isEqualTo(2);
    }

    @Test
    void bad_hotline_reports_are_refused_naming_the_field() {
        assertRefused(send("{\"source\":\"EXTERNAL\",\"description\":\"路灯不亮\",\"gridCode\":\""
                + tree.micro().code() + "\",\"externalRef\":{\"source\":\"" + source + "\",\"ticket\":\"\"}}"), 400,
                "externalRef.ticket");
        assertRefused(send("{\"source\":\"EXTERNAL\",\"description\":\"路灯不亮\",\"gridCode\":\""
                + tree.micro().code() + "\",\"externalRef\":{\"source\":\"hotline\",\"ticket\":\"A1\"}}"), 400,
                "externalRef.source");
        assertRefused(send("{\"source\":\"EXTERNAL\",\"description\":\"路灯不亮\",\"gridCode\":\""
                + tree.micro().code() + "\"}"), 400, "category");
        assertRefused(send("{\"category\":\"ENVIRONMENT\",\"description\":\"路灯不亮\",\"gridCode\":\""
                + tree.micro().code() + "\",\"externalRef\":{\"source\":\"" + source + "\",\"ticket\":\"A1\"}}"), 400,
                "externalRef");
        assertRefused(report("GD-0200", "0301", ",\"contact\":{\"phone\":\"call me\"}"), 400, "contact.phone");
    }

    @Test
    void the_hotline_supervises_and_extends_the_incidents_it_sent_as_moves_on_the_timeline() {
        long id = report("GD-0300", "0301", "").json().path("incident").path("id").asLong();
        Instant due = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var supervised = hotline.header("If-Match", etag(hotline, id)).post("/api/v1/incidents/" + id + "/supervise",
                "{\"dueAt\":\"" + due + "\",\"note\":\"市民再次来电\"}");
        assertThat(supervised.status()).as(supervised.toString()).isEqualTo(200);

        Instant current = Instant.parse(supervised.json().path("expectedResolutionAt").asString());
        var early = hotline.header("If-Match", supervised.header("ETag")).post("/api/v1/incidents/" + id + "/extend",
                "{\"resolveBy\":\"" + current.minus(1, ChronoUnit.HOURS) + "\",\"reason\":\"需协调\"}");
        assertRefused(early, 400, "resolveBy");
        Instant later = current.plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var extended = hotline.header("If-Match", supervised.header("ETag")).post("/api/v1/incidents/" + id
                + "/extend", "{\"resolveBy\":\"" + later + "\",\"reason\":\"需协调燃气公司停气检修\"}");
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        assertThat(Instant.parse(extended.json().path("expectedResolutionAt").asString())).isEqualTo(later);

        JsonNode timeline = hotline.get("/api/v1/incidents/" + id + "/timeline").json();
        assertThat(timeline.findValuesAsString("action")).containsSubsequence("REPORTED", "SUPERVISE", "EXTEND");
        for (JsonNode entry : timeline) {
            if (!entry.path("action").asString().equals("REPORTED")) {
                assertThat(entry.path("actorRole").asString()).isEqualTo("INTEGRATOR");
            }
        }

        HttpTestClient otherClient = integratorFor("另一个平台", tree.street().id());
        var refused = otherClient.header("If-Match", etag(otherClient, id)).post("/api/v1/incidents/" + id
                + "/supervise", "{\"dueAt\":\"" + due + "\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    }

    @Test
    void three_level_satisfaction_is_five_three_or_one_star() {
        long satisfied = resolved("GD-0400");
        long basically = resolved("GD-0401");
        long dissatisfied = resolved("GD-0402");

        assertRefused(hotline.post("/api/v1/incidents/" + satisfied + "/satisfaction", "{\"level\":\"GREAT\"}"), 400,
                "level");
        JsonNode five = hotline.post("/api/v1/incidents/" + satisfied + "/satisfaction",
                "{\"level\":\"SATISFIED\",\"comment\":\"回访满意\"}").json();
        assertThat(five.path("rating").asInt()).isEqualTo(5);
        assertThat(five.path("state").asString()).isEqualTo("CLOSED");
        JsonNode three = hotline.post("/api/v1/incidents/" + basically + "/satisfaction",
                "{\"level\":\"BASICALLY_SATISFIED\"}").json();
        assertThat(three.path("rating").asInt()).isEqualTo(3);
        assertThat(three.path("state").asString()).isEqualTo("CLOSED");
        JsonNode one = hotline.post("/api/v1/incidents/" + dissatisfied + "/satisfaction",
                "{\"level\":\"DISSATISFIED\"}").json();
        assertThat(one.path("rating").asInt()).isEqualTo(1);
        assertThat(one.path("state").asString()).isEqualTo("REOPENED");
    }

    @Test
    void the_callers_contact_is_masked_to_staff_in_scope_revealed_with_an_audit_and_hidden_from_everyone_else() {
        long id = report("GD-0500", "0301", ",\"contact\":{\"name\":\"王小红\",\"phone\":\"13912345678\"}").json()
            .path("incident").path("id").asLong();
        var accounts = TestAdmin.accounts(port);
        HttpTestClient inScope = accounts.staff("COMMUNITY_WORKER", tree.community().id());
        TestTree other = new GridTreeFixture(admin).tree();
        HttpTestClient outOfScope = accounts.staff("STREET_OFFICER", other.street().id());

        JsonNode seen = inScope.get("/api/v1/incidents/" + id).json();
        assertThat(seen.path("contact").path("name").asString()).isEqualTo("王**");
        assertThat(seen.path("contact").path("phone").asString()).isEqualTo("139****5678");
        assertThat(outOfScope.get("/api/v1/incidents/" + id).status()).isEqualTo(404);
        assertThat(outOfScope.post("/api/v1/incidents/" + id + "/contact/reveal",
                "{\"field\":\"PHONE\",\"reason\":\"回访\"}").status()).isEqualTo(404);
        HttpTestClient otherClient = integratorFor("另一个平台", tree.street().id());
        assertThat(otherClient.get("/api/v1/incidents/" + id).json().path("contact").isNull()).isTrue();
        assertThat(otherClient.post("/api/v1/incidents/" + id + "/contact/reveal",
                "{\"field\":\"PHONE\",\"reason\":\"回访\"}").status()).isEqualTo(403);

        assertRefused(inScope.post("/api/v1/incidents/" + id + "/contact/reveal",
                "{\"field\":\"ADDRESS\",\"reason\":\"回访来电人\"}"), 400, "field");
        var revealed = inScope.post("/api/v1/incidents/" + id + "/contact/reveal",
                "{\"field\":\"PHONE\",\"reason\":\"回访来电人\"}");
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        assertThat(revealed.json().path("value").asString()).isEqualTo("13912345678");
        assertThat(jdbc.queryForObject("select detail from audit_event where action = 'PERSONAL_DATA_REVEALED' and "
                + "target_type = 'incident' and target_id = ? order by id desc limit 1", String.class,
                Long.toString(id))).contains("PHONE").contains("回访来电人");
        assertThat(hotline.post("/api/v1/incidents/" + id + "/contact/reveal",
                "{\"field\":\"NAME\",\"reason\":\"回访来电人\"}").json().path("value").asString()).isEqualTo("王小红");
    }

    // ----------------------------------------------------------------------------------------------------------

    HttpTestClient.Response report(String ticket, String externalCategory, String more) {
        return send("{\"source\":\"EXTERNAL\",\"description\":\"12345 来电：小区门口垃圾堆积\",\"lat\":" + tree.lat()
                + ",\"lng\":" + tree.lng() + ",\"externalRef\":{\"source\":\"" + source + "\",\"ticket\":\"" + ticket
                + "\"},\"externalCategory\":\"" + externalCategory + "\"" + more + "}");
    }

    HttpTestClient.Response send(String body) {
        return hotline.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents", body);
    }

    long resolved(String ticket) {
        long id = report(ticket, "0301", "").json().path("incident").path("id").asLong();
        move(id, "accept", "{}");
        move(id, "resolve", "{\"note\":\"已清运\"}");
        return id;
    }

    String etag(HttpTestClient client, long id) {
        return client.get("/api/v1/incidents/" + id).header("ETag");
    }

    void move(long id, String move, String body) {
        var response = admin.header("If-Match", etag(admin, id)).post("/api/v1/incidents/" + id + "/" + move, body);
        assertThat(response.status()).as(move + " " + response).isEqualTo(200);
    }

    static void assertRefused(HttpTestClient.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").findValuesAsString("field")).as(response.toString())
            .contains(field);
    }

    /** A client logged in as a new integrator client (client credentials), scoped to a grid. */
    HttpTestClient integratorFor(String name, long scope) {
        var client = admin.post("/api/v1/integrator-clients", "{\"name\":\"" + name + "\",\"scopeNodeId\":" + scope
                + "}").json();
        var token = HttpTestClient.at(port).post("/api/v1/auth/client-token", "{\"clientId\":\""
                + client.path("clientId").asString() + "\",\"clientSecret\":\""
                + client.path("clientSecret").asString() + "\"}");
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return HttpTestClient.at(port).bearer(token.json().path("accessToken").asString());
    }
}
