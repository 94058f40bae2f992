package org.gridgov.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.identity.testing.TestAdmin;
import org.gridgov.integration.testing.WebhookReceiver;
import org.gridgov.integration.webhook.WebhookSecretEncryption;
import org.gridgov.shared.crypto.DataCipher;
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
 * Outbound webhooks as an integrator lives them: a local receiver that verifies signatures, fails for a while, hangs,
 * and recovers — and every event still arrives, in order per incident, exactly as recorded in the outbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookIT {

    static final Set<String> INCIDENT_TYPES = Set.of("incident.created", "incident.state_changed",
            "incident.escalated", "incident.closed");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataCipher cipher;

    @Autowired
    WebhookSecretEncryption encryption;

    final JsonMapper json = JsonMapper.builder().build();

    HttpTestClient admin;
    Area area;

    /**
     * A street with a micro grid and a point in it, an integrator scoped to the street, and a point in a second,
     * unrelated tree.
     */
    record Area(double lng, double lat, long street, long micro, HttpTestClient integrator, double[] elsewhere) {
    }

    @BeforeEach
    void setUp() {
        admin = TestAdmin.login(port);
        GridTreeFixture grids = new GridTreeFixture(admin);
        TestTree tree = grids.tree();
        TestTree other = grids.tree();
        area = new Area(tree.lng(), tree.lat(), tree.street().id(), tree.micro().id(),
                integratorFor("12345 热线", tree.street().id()), other.pointInMicro());
    }

    @Test
    void every_event_arrives_in_order_with_a_valid_signature_after_the_receiver_recovers() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(n -> n <= 4 ? 503 : 200)) {
            JsonNode subscription = subscribe(receiver, INCIDENT_TYPES, null);
            receiver.secret(subscription.path("secret").asString());

            List<Long> incidents = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long id = report(area.lng(), "楼道堆放杂物 " + i);
                move(id, "accept", "{\"note\":\"已受理\"}");
                move(id, "escalate", "{\"reason\":\"需要社区协调\"}");
                move(id, "accept", "{}");
                move(id, "resolve", "{\"note\":\"已清理\"}");
                incidents.add(id);
            }
            long elsewhere = report(area.elsewhere()[0], area.elsewhere()[1], "另一条街道的问题");

            Map<Long, List<String>> expected = new java.util.HashMap<>();
            for (long id : incidents) {
                expected.put(id, jdbc.queryForList("select event_id::text from outbox_event where aggregate_key = ? "
                        + "order by id", String.class, "incident:" + id));
            }
            assertThat(jdbc.queryForList("select type from outbox_event where aggregate_key = ? order by id",
                    String.class, "incident:" + incidents.get(0)))
                .containsExactly("incident.created", "incident.state_changed", "incident.state_changed",
                        "incident.escalated", "incident.state_changed", "incident.state_changed");
            int all = expected.values().stream().mapToInt(List::size).sum();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(delivered(receiver)).hasSize(all));

            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(received).filteredOn(r -> r.answered() == 503).hasSize(4);
            for (long id : incidents) {
                List<String> inOrder = received.stream()
                    .filter(r -> r.answered() == 200 && incidentOf(r) == id)
                    .map(WebhookReceiver.Received::eventId)
                    .distinct()
                    .toList();
                assertThat(inOrder).as("events of incident %d in outbox order", id).isEqualTo(expected.get(id));
            }
            assertThat(received).noneMatch(r -> incidentOf(r) == elsewhere);
            JsonNode first = json.readTree(received.stream().filter(r -> r.answered() == 200).findFirst().orElseThrow()
                .body());
            assertThat(first.path("type").asString()).isEqualTo("incident.created");
            assertThat(first.path("data").path("trackingCode").asString()).isNotBlank();
            assertThat(first.path("data").path("expectedResolutionAt").asString()).isNotBlank();

            var deliveries = area.integrator().get("/api/v1/webhook-subscriptions/" + subscription.path("id").asLong()
                    + "/deliveries?size=200").json();
            assertThat(deliveries.path("items").findValuesAsString("state")).containsOnly("DELIVERED").hasSize(all);
            assertThat(deliveries.path("items").findValues("attempts")).anyMatch(a -> a.asInt() > 1);
        }
    }

    @Test
    void no_transaction_is_held_while_sending_and_a_delivery_whose_sender_died_goes_out_again() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().holdNext()) {
            JsonNode subscription = subscribe(receiver, Set.of("incident.created"), null);
            receiver.secret(subscription.path("secret").asString());
            long id = report(area.lng(), "消防通道被占用");
            String eventId = jdbc.queryForObject("select event_id::text from outbox_event where aggregate_key = ?",
                    String.class, "incident:" + id);

            assertThat(receiver.awaitHeld(30)).as("the dispatcher is delivering").isTrue();
            assertThat(jdbc.queryForList("""
                    select l.pid from pg_locks l join pg_class c on c.oid = l.relation
                     where c.relname in ('webhook_delivery', 'webhook_subscription', 'outbox_event')
                       and l.pid <> pg_backend_pid()""", Integer.class))
                .as("no database transaction is open across the HTTP call").isEmpty();
            assertThat(jdbc.queryForObject("""
                    select d.next_attempt_at > now() from webhook_delivery d join outbox_event e
                        on e.id = d.outbox_event_id where e.event_id = cast(? as uuid) and d.state = 'PENDING'
                       and d.subscription_id = ?""",
                    Boolean.class, eventId, subscription.path("id").asLong()))
                .as("claimed: leased to the sending node").isTrue();
            // the sending node dies: its lease runs out, and whatever it would still write no longer counts
            jdbc.update("""
                    update webhook_delivery set next_attempt_at = now() where subscription_id = ?
                       and state = 'PENDING'""", subscription.path("id").asLong());
            receiver.release();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject("""
                    select d.state from webhook_delivery d join outbox_event e on e.id = d.outbox_event_id
                     where e.event_id = cast(? as uuid) and d.subscription_id = ?""", String.class, eventId,
                    subscription.path("id").asLong())).isEqualTo("DELIVERED"));
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::eventId)
                .as("delivered again after the lease ran out, with the same event id for deduplication")
                .containsOnly(eventId)
                .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void a_hanging_receiver_does_not_delay_other_subscriptions() throws Exception {
        try (WebhookReceiver hanging = new WebhookReceiver().holdNext(); WebhookReceiver fast = new WebhookReceiver()) {
            subscribe(hanging, Set.of("incident.created"), null);
            JsonNode quick = subscribe(fast, Set.of("incident.created"), null);
            fast.secret(quick.path("secret").asString());

            long started = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                report(area.lng() + i * 0.0001, "路面塌陷 " + i);
            }

            await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(delivered(fast)).hasSize(3));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
            assertThat(hanging.awaitHeld(1)).as("the hanging receiver is still being waited for").isTrue();
            assertThat(fast.received()).allMatch(WebhookReceiver.Received::signatureValid);
        }
    }

    @Test
    void a_disabled_integrators_subscriptions_pause_and_resume_when_it_is_enabled_again() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String[] client = new String[1];
            HttpTestClient integrator = integratorFor("停用测试", area.street(), client);
            var created = integrator.post("/api/v1/webhook-subscriptions", "{\"name\":\"r\",\"url\":\""
                    + receiver.url() + "\",\"eventTypes\":[\"incident.created\"]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            receiver.secret(created.json().path("secret").asString());

            assertThat(admin.post("/api/v1/integrator-clients/" + client[0] + "/disable", "{}").status())
                .isEqualTo(200);
            report(area.lng(), "disabled client's event");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(receiver.requests()).as("nothing goes to a disabled client").isZero());
            JsonNode paused = admin.get("/api/v1/webhook-subscriptions/" + id).json();
            assertThat(paused.path("state").asString()).isEqualTo("PAUSED");
            assertThat(paused.path("pausedReason").asString()).contains("disabled");

            // no operation re-enables a client yet: an operator does it in the database
            jdbc.update("update integrator_client set status = 'ACTIVE' where client_id = ?", client[0]);

            await().atMost(Duration.ofSeconds(30)).until(() -> delivered(receiver).size() == 1);
            assertThat(admin.get("/api/v1/webhook-subscriptions/" + id).json().path("state").asString())
                .isEqualTo("ACTIVE");
        }
    }

    @Test
    void a_subscription_that_keeps_failing_is_paused_and_gets_its_backlog_when_resumed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(n -> 500)) {
            JsonNode subscription = subscribe(receiver, Set.of("incident.created"), null);
            receiver.secret(subscription.path("secret").asString());
            long id = area.integrator().get("/api/v1/webhook-subscriptions/" + subscription.path("id").asLong())
                .json().path("id").asLong();
            report(area.lng(), "井盖缺失");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode now = area.integrator().get("/api/v1/webhook-subscriptions/" + id).json();
                assertThat(now.path("state").asString()).isEqualTo("PAUSED");
                assertThat(now.path("pausedReason").asString()).contains("HTTP 500");
            });
            int attemptsWhilePaused = receiver.requests();
            report(area.lng() + 0.001, "路灯不亮");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(receiver.requests()).as("nothing is sent while paused").isEqualTo(attemptsWhilePaused));

            receiver.answering(n -> 200);
            var resumed = area.integrator().post("/api/v1/webhook-subscriptions/" + id + "/resume", "{}");
            assertThat(resumed.json().path("state").asString()).isEqualTo("ACTIVE");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.received().stream()
                .filter(r -> r.answered() == 200).map(WebhookReceiver.Received::eventId).distinct()).hasSize(2));
        }
    }

    @Test
    void a_delivery_can_be_sent_again_with_the_same_event_id() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode subscription = subscribe(receiver, Set.of("incident.created"), null);
            receiver.secret(subscription.path("secret").asString());
            report(area.lng(), "垃圾未清运");
            long subscriptionId = subscription.path("id").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
            long delivery = area.integrator().get("/api/v1/webhook-subscriptions/" + subscriptionId + "/deliveries")
                .json().path("items").get(0).path("id").asLong();

            var resent = area.integrator().post("/api/v1/webhook-deliveries/" + delivery + "/resend", "{}");

            assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
            assertThat(receiver.received().get(1).eventId()).isEqualTo(receiver.received().get(0).eventId());
        }
    }

    @Test
    void the_secret_is_shown_once_and_subscriptions_are_their_owners_own() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode created = subscribe(receiver, Set.of("incident.closed"), null);
            assertThat(created.path("secret").asString()).startsWith("whsec_");
            assertThat(created.path("subtreeNodeId").asLong()).as("defaults to the integrator's scope")
                .isEqualTo(area.street());

            var again = area.integrator().get("/api/v1/webhook-subscriptions/" + created.path("id").asLong());
            assertThat(again.json().has("secret")).isFalse();
            assertThat(area.integrator().get("/api/v1/webhook-subscriptions").body()).doesNotContain("whsec_");

            HttpTestClient otherIntegrator = integratorFor("other", null);
            assertThat(otherIntegrator.get("/api/v1/webhook-subscriptions/" + created.path("id").asLong()).status())
                .isEqualTo(404);
            assertThat(admin.get("/api/v1/webhook-subscriptions/" + created.path("id").asLong()).status())
                .isEqualTo(200);
        }
    }

    @Test
    void signing_secrets_are_stored_encrypted_and_plain_ones_from_before_are_encrypted_at_start() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode created = subscribe(receiver, Set.of("incident.closed"), null);
            long id = created.path("id").asLong();
            String secret = created.path("secret").asString();

            Map<String, Object> stored = jdbc.queryForMap(
                    "select secret, secret_enc from webhook_subscription where id = ?", id);
            assertThat(stored.get("secret")).isNull();
            assertThat(new String((byte[]) stored.get("secret_enc"), StandardCharsets.ISO_8859_1))
                .doesNotContain(secret).doesNotContain(secret.substring(6));
            assertThat(cipher.decrypt((byte[]) stored.get("secret_enc"), "webhook_secret")).isEqualTo(secret);

            // a subscription stored in plain text before secrets were encrypted
            String old = "whsec_plain" + id;
            jdbc.update("update webhook_subscription set secret = ?, secret_enc = null where id = ?", old, id);
            assertThat(encryption.encryptPlainSecrets()).isPositive();
            stored = jdbc.queryForMap("select secret, secret_enc from webhook_subscription where id = ?", id);
            assertThat(stored.get("secret")).isNull();
            assertThat(cipher.decrypt((byte[]) stored.get("secret_enc"), "webhook_secret")).isEqualTo(old);
        }
    }

    @Test
    void bad_subscriptions_are_refused_naming_the_field() {
        String ownUrl = "http://127.0.0.1:" + port + "/api/v1/incidents";
        assertRefused("{\"name\":\"x\",\"url\":\"ftp://example.org/hook\",\"eventTypes\":[\"incident.created\"]}",
                "url", "http and https");
        assertRefused("{\"name\":\"x\",\"url\":\"javascript:alert(1)\",\"eventTypes\":[\"incident.created\"]}", "url",
                "http and https");
        assertRefused("{\"name\":\"x\",\"url\":\"" + ownUrl + "\",\"eventTypes\":[\"incident.created\"]}", "url",
                "platform itself");
        assertRefused("{\"name\":\"x\",\"url\":\"https://example.org/h\",\"eventTypes\":[\"incident.deleted\"]}",
                "eventTypes", "incident.deleted");
        assertRefused("{\"name\":\"\",\"url\":\"https://example.org/h\",\"eventTypes\":[\"incident.created\"]}",
                "name", "name");
        assertRefused("{\"name\":\"x\",\"url\":\"https://example.org/h\",\"eventTypes\":[\"incident.created\"],"
                + "\"subtreeNodeId\":" + area.micro() * 1000 + "}", "subtreeNodeId", "scope");
        assertThat(jdbc.queryForObject("select count(*) from webhook_subscription where url = ?", Long.class, ownUrl))
            .isZero();
    }

    void assertRefused(String body, String field, String message) {
        var response = area.integrator().post("/api/v1/webhook-subscriptions", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode violation = null;
        for (JsonNode v : response.json().path("errors")) {
            if (v.path("field").asString().equals(field)) {
                violation = v;
            }
        }
        assertThat(violation).as(response.toString()).isNotNull();
        assertThat(violation.path("message").asString()).contains(message);
    }

    // ----------------------------------------------------------------------------------------------------------

    JsonNode subscribe(WebhookReceiver receiver, Set<String> types, Long subtree) {
        var response = area.integrator().post("/api/v1/webhook-subscriptions", "{\"name\":\"test receiver\",\"url\":\""
                + receiver.url() + "\",\"eventTypes\":" + types.stream().map(t -> "\"" + t + "\"")
                    .collect(Collectors.joining(",", "[", "]"))
                + (subtree == null ? "" : ",\"subtreeNodeId\":" + subtree) + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** A client logged in as a new integrator client (client credentials), scoped to a grid or city-wide. */
    HttpTestClient integratorFor(String name, Long scope) {
        return integratorFor(name, scope, new String[1]);
    }

    /** The same, telling the client id in {@code clientId[0]}. */
    HttpTestClient integratorFor(String name, Long scope, String[] clientId) {
        var client = admin.post("/api/v1/integrator-clients", "{\"name\":\"" + name + "\""
                + (scope == null ? "" : ",\"scopeNodeId\":" + scope) + "}").json();
        var token = HttpTestClient.at(port).post("/api/v1/auth/client-token", "{\"clientId\":\""
                + client.path("clientId").asString() + "\",\"clientSecret\":\"" + client.path("clientSecret").asString() + "\"}");
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        clientId[0] = client.path("clientId").asString();
        return HttpTestClient.at(port).bearer(token.json().path("accessToken").asString());
    }

    /** Reports an incident at this longitude in the area's micro grid. */
    long report(double lng, String description) {
        return report(lng, area.lat(), description);
    }

    long report(double lng, double lat, String description) {
        var response = admin.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"ENVIRONMENT\",\"description\":\"" + description + "\",\"lat\":" + lat
                        + ",\"lng\":" + lng + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("incident").path("id").asLong();
    }

    void move(long id, String move, String body) {
        String etag = admin.get("/api/v1/incidents/" + id).header("ETag");
        var response = admin.header("If-Match", etag).post("/api/v1/incidents/" + id + "/" + move, body);
        assertThat(response.status()).as(move + " " + response).isEqualTo(200);
    }

    long incidentOf(WebhookReceiver.Received received) {
        return json.readTree(received.body()).path("data").path("incidentId").asLong();
    }

    Set<String> delivered(WebhookReceiver receiver) {
        return receiver.received().stream().filter(r -> r.answered() == 200).map(WebhookReceiver.Received::eventId)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
