package org.gridgov.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import tools.jackson.databind.JsonNode;

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
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Open311 GeoReport v2 as a city system speaks it: every endpoint in JSON and XML, the filters and the errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Open311IT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient admin;
    HttpTestClient anonymous;
    String apiKey;
    TestTree tree;
    /** A point in the micro grid, as Open311 sends it. */
    String lat;
    String lng;
    String microCode;
    long streetId;

    /** A tree whose micro grid has the worker 王建国 on duty, and an api_key of a client scoped to its street. */
    @BeforeEach
    void setUp() {
        admin = TestAdmin.login(port);
        anonymous = HttpTestClient.at(port);
        tree = new GridTreeFixture(admin).tree();
        lat = String.valueOf(tree.lat());
        lng = String.valueOf(tree.lng());
        microCode = tree.micro().code();
        streetId = tree.street().id();
        String clientId = admin.post("/api/v1/integrator-clients", "{\"name\":\"数字城管\",\"scopeNodeId\":" + streetId
                + "}").json().path("clientId").asString();
        var key = admin.post("/api/v1/integrator-clients/" + clientId + "/open311-key", "{}");
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        apiKey = key.json().path("apiKey").asString();
    }

    @Test
    void discovery_and_services_are_public_in_json_and_xml() throws Exception {
        var discovery = anonymous.get("/open311/v2/discovery.json");
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.json().path("endpoints").get(0).path("specification").asString())
            .isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(xpath(anonymous.get("/open311/v2/discovery.xml").body(), "/discovery/endpoints/endpoint/formats/format"))
            .contains("text/xml");

        var services = anonymous.get("/open311/v2/services.json");
        assertThat(services.contentType()).startsWith("application/json");
        JsonNode environment = null;
        for (JsonNode service : services.json()) {
            if (service.path("service_code").asString().equals("ENVIRONMENT")) {
                environment = service;
            }
        }
        assertThat(environment).isNotNull();
        assertThat(environment.path("metadata").asBoolean()).isTrue();
        assertThat(environment.path("type").asString()).isEqualTo("realtime");
        assertThat(environment.has("keywords") && environment.has("group") && environment.has("description")).isTrue();
        var xml = anonymous.get("/open311/v2/services.xml");
        assertThat(xml.contentType()).startsWith("text/xml");
        assertThat(xpath(xml.body(), "/services/service/service_code")).contains("ENVIRONMENT");

        JsonNode definition = anonymous.get("/open311/v2/services/ENVIRONMENT.json").json();
        assertThat(definition.path("service_code").asString()).isEqualTo("ENVIRONMENT");
        assertThat(definition.path("attributes").findValuesAsString("code")).containsExactly("anonymous", "grid_code");
        assertThat(definition.path("attributes").get(0).path("datatype").asString()).isEqualTo("singlevaluelist");
        assertThat(definition.path("attributes").get(0).path("values").findValuesAsString("key"))
            .containsExactly("true", "false");
        assertThat(xpath(anonymous.get("/open311/v2/services/ENVIRONMENT.xml").body(),
                "/service_definition/attributes/attribute/values/value/key")).isEqualTo("true,false");
        assertError(anonymous.get("/open311/v2/services/NO_SUCH.json"), 404, "NO_SUCH");
        assertThat(xpath(anonymous.get("/open311/v2/services/NO_SUCH.xml").body(), "/errors/error/code"))
            .isEqualTo("404");
    }

    @Test
    void a_posted_request_is_an_ordinary_incident_followed_to_closed() throws Exception {
        var posted = post("json", form("service_code", "ENVIRONMENT", "lat", lat, "long", lng,
                "description", "小区门口垃圾堆积", "attribute[anonymous]", "true"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String requestId = posted.json().get(0).path("service_request_id").asString();
        String token = posted.json().get(0).path("token").asString();

        JsonNode incident = admin.get("/api/v1/incidents/by-tracking-code/" + requestId).json();
        assertThat(incident.path("source").asString()).isEqualTo("EXTERNAL");
        assertThat(incident.path("assigneeName").asString()).isEqualTo("王建国");
        assertThat(incident.path("anonymous").asBoolean()).isTrue();

        JsonNode open = get("/open311/v2/requests/" + requestId + ".json").json().get(0);
        assertThat(open.path("status").asString()).isEqualTo("open");
        assertThat(open.path("service_code").asString()).isEqualTo("ENVIRONMENT");
        assertThat(open.path("agency_responsible").asString()).isNotBlank();
        assertThat(OffsetDateTime.parse(open.path("expected_datetime").asString()).toInstant())
            .isEqualTo(java.time.Instant.parse(incident.path("expectedResolutionAt").asString())
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(open.path("requested_datetime").asString()).endsWith("+08:00");
        assertThat(get("/open311/v2/tokens/" + token + ".json").json().get(0).path("service_request_id").asString())
            .isEqualTo(requestId);
        assertThat(xpath(get("/open311/v2/tokens/" + token + ".xml").body(), "/service_requests/request/service_request_id"))
            .isEqualTo(requestId);

        long id = incident.path("id").asLong();
        move(id, "accept", "{}");
        move(id, "resolve", "{\"note\":\"已清运\"}");
        assertThat(get("/open311/v2/requests/" + requestId + ".json").json().get(0).path("status").asString())
            .isEqualTo("closed");
        assertThat(xpath(get("/open311/v2/requests/" + requestId + ".xml").body(), "/service_requests/request/status"))
            .isEqualTo("closed");
    }

    @Test
    void contact_fields_round_trip_to_the_client_that_posted_them_and_are_masked_revealed_and_audited_for_staff()
            throws Exception {
        var posted = post("json", form("service_code", "ENVIRONMENT", "lat", lat, "long", lng,
                "description", "路灯不亮", "email", "li.ming@example.org", "phone", "13800138000",
                "first_name", "明", "last_name", "李", "device_id", "app:7f3c2a91"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String requestId = posted.json().get(0).path("service_request_id").asString();

        JsonNode back = get("/open311/v2/requests/" + requestId + ".json").json().get(0);
        assertThat(back.path("email").asString()).isEqualTo("li.ming@example.org");
        assertThat(back.path("phone").asString()).isEqualTo("13800138000");
        assertThat(back.path("first_name").asString()).isEqualTo("明");
        assertThat(back.path("last_name").asString()).isEqualTo("李");
        assertThat(back.path("device_id").asString()).isEqualTo("app:7f3c2a91");
        assertThat(xpath(get("/open311/v2/requests/" + requestId + ".xml").body(), "/service_requests/request/phone"))
            .isEqualTo("13800138000");
        long id = admin.get("/api/v1/incidents/by-tracking-code/" + requestId).json().path("id").asLong();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'PERSONAL_DATA_REVEALED' "
                + "and target_type = 'incident' and target_id = ?", Long.class, Long.toString(id))).isEqualTo(2);
        byte[] stored = jdbc.queryForObject("select email_enc from incident_contact where incident_id = ?",
                byte[].class, id);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("li.ming");

        // another client of the same street sees the request, never the contact
        String otherId = admin.post("/api/v1/integrator-clients", "{\"name\":\"另一个平台\",\"scopeNodeId\":"
                + streetId + "}").json().path("clientId").asString();
        String otherKey = admin.post("/api/v1/integrator-clients/" + otherId + "/open311-key", "{}").json()
            .path("apiKey").asString();
        JsonNode seenByOther = anonymous.get("/open311/v2/requests/" + requestId + ".json?api_key=" + enc(otherKey))
            .json().get(0);
        assertThat(seenByOther.path("service_request_id").asString()).isEqualTo(requestId);
        assertThat(seenByOther.has("email") || seenByOther.has("phone")).isFalse();

        // staff in scope see it masked and reveal it with a reason, audited; staff out of scope do not see it
        var accounts = TestAdmin.accounts(port);
        HttpTestClient worker = accounts.staff("COMMUNITY_WORKER", tree.community().id());
        JsonNode contact = worker.get("/api/v1/incidents/" + id).json().path("contact");
        assertThat(contact.path("phone").asString()).isEqualTo("138****8000");
        assertThat(contact.path("email").asString()).isEqualTo("l***@example.org");
        assertThat(contact.path("lastName").asString()).isEqualTo("李*");
        var revealed = worker.post("/api/v1/incidents/" + id + "/contact/reveal",
                "{\"field\":\"EMAIL\",\"reason\":\"回访市民\"}");
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        assertThat(revealed.json().path("value").asString()).isEqualTo("li.ming@example.org");
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'PERSONAL_DATA_REVEALED' "
                + "and target_id = ? and detail like '%EMAIL%回访市民%'", Long.class, Long.toString(id))).isOne();
        HttpTestClient outside = accounts.staff("STREET_OFFICER", new GridTreeFixture(admin).tree().street().id());
        assertThat(outside.get("/api/v1/incidents/" + id).status()).isEqualTo(404);
        assertThat(outside.post("/api/v1/incidents/" + id + "/contact/reveal",
                "{\"field\":\"EMAIL\",\"reason\":\"回访市民\"}").status()).isEqualTo(404);

        assertError(post("json", form("service_code", "ENVIRONMENT", "lat", lat, "long", lng, "phone", "call me")),
                400, "phone");
    }

    @Test
    void xml_posts_answer_xml_and_a_retry_with_the_same_idempotency_key_creates_once() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = form("service_code", "ENVIRONMENT", "attribute[grid_code]", microCode, "description", "路面积水");
        var first = anonymous.header("Idempotency-Key", key).send("POST", "/open311/v2/requests.xml",
                "application/x-www-form-urlencoded", (body + "&api_key=" + apiKey).getBytes(StandardCharsets.UTF_8));
        var retry = anonymous.header("Idempotency-Key", key).send("POST", "/open311/v2/requests.xml",
                "application/x-www-form-urlencoded", (body + "&api_key=" + apiKey).getBytes(StandardCharsets.UTF_8));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.contentType()).startsWith("text/xml");
        String id = xpath(first.body(), "/service_requests/request/service_request_id");
        assertThat(xpath(retry.body(), "/service_requests/request/service_request_id")).isEqualTo(id);
        assertThat(jdbc.queryForObject("select count(*) from incident where idempotency_key = ?", Long.class, key))
            .isOne();
    }

    @Test
    void a_gcj02_point_sent_with_coord_system_lands_in_the_micro_grid_it_names() {
        // a spot inside the micro grid (a square 0.005° wide around tree.lat/lng), near the edge the Mars offset points
        // to, so that its GCJ-02 coordinates read as WGS84 would lie outside it
        org.gridgov.grid.GeoPoint offset = org.gridgov.grid.CoordSystem.wgs84ToGcj02(tree.lat(), tree.lng());
        double dLat = offset.lat() - tree.lat();
        double dLng = offset.lng() - tree.lng();
        boolean alongLng = Math.abs(dLng) >= Math.abs(dLat);
        double spotLat = tree.lat() + (alongLng ? 0 : 0.0021 * Math.signum(dLat));
        double spotLng = tree.lng() + (alongLng ? 0.0021 * Math.signum(dLng) : 0);
        org.gridgov.grid.GeoPoint gcj = org.gridgov.grid.CoordSystem.wgs84ToGcj02(spotLat, spotLng);
        assertThat(Math.max(Math.abs(gcj.lat() - tree.lat()), Math.abs(gcj.lng() - tree.lng()))).isGreaterThan(0.0025);

        var posted = post("json", form("service_code", "ENVIRONMENT", "lat", String.valueOf(gcj.lat()), "long",
                String.valueOf(gcj.lng()), "coord_system", "GCJ02", "description", "高德地图上报的点"));

        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        JsonNode incident = admin.get("/api/v1/incidents/by-tracking-code/"
                + posted.json().get(0).path("service_request_id").asString()).json();
        assertThat(incident.path("grid").path("code").asString()).isEqualTo(microCode);
        assertThat(incident.path("lat").asDouble()).isCloseTo(spotLat, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(incident.path("lng").asDouble()).isCloseTo(spotLng, org.assertj.core.data.Offset.offset(1e-5));
        assertError(post("json", form("service_code", "ENVIRONMENT", "lat", lat, "long", lng, "coord_system",
                "MARS")), 400, "coord_system");
    }

    @Test
    void a_request_outside_the_clients_jurisdiction_is_refused_with_an_open311_error_and_not_kept() throws Exception {
        TestTree elsewhere = new GridTreeFixture(admin).tree();
        long before = jdbc.queryForObject("select count(*) from incident", Long.class);

        var byPoint = post("json", form("service_code", "ENVIRONMENT", "lat", String.valueOf(elsewhere.lat()), "long",
                String.valueOf(elsewhere.lng()), "description", "辖区外的点"));
        var byGrid = post("xml", form("service_code", "ENVIRONMENT", "attribute[grid_code]", elsewhere.micro().code(),
                "description", "辖区外的网格"));

        assertError(byPoint, 403, "jurisdiction");
        assertThat(byGrid.status()).isEqualTo(403);
        assertThat(xpath(byGrid.body(), "/errors/error/code")).isEqualTo("403");
        assertThat(xpath(byGrid.body(), "/errors/error/description")).contains(elsewhere.micro().code());
        assertThat(jdbc.queryForObject("select count(*) from incident", Long.class)).isEqualTo(before);
    }

    @Test
    void an_address_alone_routes_the_request_to_the_clients_level() {
        var posted = post("json", form("service_code", "ENVIRONMENT", "address_string", "东升街道 三里桥路 88 号"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        JsonNode incident = admin.get("/api/v1/incidents/by-tracking-code/"
                + posted.json().get(0).path("service_request_id").asString()).json();
        assertThat(incident.path("holder").path("id").asLong()).isEqualTo(streetId);
        assertThat(incident.path("description").asString()).contains("三里桥路 88 号");
    }

    @Test
    void requests_filter_by_id_code_dates_and_status() {
        String a = post("json", form("service_code", "ENVIRONMENT", "attribute[grid_code]", microCode))
            .json().get(0).path("service_request_id").asString();
        String b = post("json", form("service_code", "PUBLIC_FACILITY", "attribute[grid_code]", microCode))
            .json().get(0).path("service_request_id").asString();
        long bId = admin.get("/api/v1/incidents/by-tracking-code/" + b).json().path("id").asLong();
        move(bId, "reject", "{\"reason\":\"不属于网格事项\"}");

        assertThat(ids(get("/open311/v2/requests.json?service_request_id=" + a + "," + b))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(get("/open311/v2/requests.json?service_code=ENVIRONMENT"))).contains(a).doesNotContain(b);
        assertThat(ids(get("/open311/v2/requests.json?status=closed"))).contains(b).doesNotContain(a);
        assertThat(ids(get("/open311/v2/requests.json?status=open"))).contains(a).doesNotContain(b);
        String tomorrow = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).withNano(0).toString();
        String lastWeek = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(7).withNano(0).toString();
        assertThat(ids(get("/open311/v2/requests.json?start_date=" + enc(lastWeek) + "&end_date=" + enc(tomorrow))))
            .contains(a, b);
        assertThat(ids(get("/open311/v2/requests.json?start_date=" + enc(tomorrow)))).isEmpty();
        var rejected = get("/open311/v2/requests/" + b + ".json").json().get(0);
        assertThat(rejected.path("status_notes").asString()).isEqualTo("不属于网格事项");
    }

    @Test
    void bad_requests_get_open311_errors() throws Exception {
        assertError(post("json", form("service_code", "NO_SUCH", "lat", lat, "long", lng)), 400,
                "service_code");
        assertError(post("json", form("service_code", "ENVIRONMENT")), 400, "location");
        assertError(post("json", form("service_code", "ENVIRONMENT", "lat", "north", "long", "1")), 400, "lat");
        assertError(post("json", form("service_code", "ENVIRONMENT", "lat", lat, "long", lng,
                "description", "长".repeat(4001))), 400, "4000");
        assertError(post("json", form("service_code", "ENVIRONMENT", "attribute[grid_code]", "NO-SUCH-GRID")), 400,
                "gridCode");
        var noKey = anonymous.send("POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded",
                form("service_code", "ENVIRONMENT", "attribute[grid_code]", microCode).getBytes(StandardCharsets.UTF_8));
        assertError(noKey, 403, "api_key");
        var badKey = anonymous.send("POST", "/open311/v2/requests.xml", "application/x-www-form-urlencoded",
                (form("service_code", "ENVIRONMENT") + "&api_key=o311_wrong").getBytes(StandardCharsets.UTF_8));
        assertThat(badKey.status()).isEqualTo(403);
        assertThat(xpath(badKey.body(), "/errors/error/description")).contains("api_key");
        assertError(anonymous.get("/open311/v2/requests.json"), 403, "api_key");

        String now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString();
        String later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString();
        String longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(91).withNano(0).toString();
        assertError(get("/open311/v2/requests.json?start_date=" + enc(later) + "&end_date=" + enc(now)), 400,
                "after end_date");
        assertError(get("/open311/v2/requests.json?start_date=" + enc(longAgo) + "&end_date=" + enc(now)), 400,
                "90 days");
        assertError(get("/open311/v2/requests.json?start_date=yesterday"), 400, "start_date");
        assertError(get("/open311/v2/requests.json?status=pending"), 400, "status");
        assertError(get("/open311/v2/requests/SS000000-NONE.json"), 404, "SS000000-NONE");
        assertError(get("/open311/v2/tokens/nope.json"), 404, "token");
        assertError(anonymous.get("/open311/v2/services.yaml"), 404, "format");
        assertThat(jdbc.queryForObject("select count(*) from incident where reporter_username like 'gg\\_%' "
                + "and description like '长长长%'", Long.class)).isZero();
    }

    // ----------------------------------------------------------------------------------------------------------

    HttpTestClient.Response post(String format, String form) {
        return anonymous.send("POST", "/open311/v2/requests." + format, "application/x-www-form-urlencoded",
                (form + "&api_key=" + enc(apiKey)).getBytes(StandardCharsets.UTF_8));
    }

    HttpTestClient.Response get(String path) {
        return anonymous.get(path + (path.contains("?") ? "&" : "?") + "api_key=" + enc(apiKey));
    }

    static String form(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static java.util.List<String> ids(HttpTestClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().findValuesAsString("service_request_id");
    }

    static void assertError(HttpTestClient.Response response, int status, String mentions) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode error = response.json().get(0);
        assertThat(error.path("code").asInt()).isEqualTo(status);
        assertThat(error.path("description").asString()).contains(mentions);
    }

    static String xpath(String xml, String path) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, document, XPathConstants.NODESET);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < nodes.getLength(); i++) {
            all.append(i == 0 ? "" : ",").append(nodes.item(i).getTextContent());
        }
        return all.toString();
    }

    void move(long id, String move, String body) {
        String etag = admin.get("/api/v1/incidents/" + id).header("ETag");
        var response = admin.header("If-Match", etag).post("/api/v1/incidents/" + id + "/" + move, body);
        assertThat(response.status()).as(move + " " + response).isEqualTo(200);
    }
}
