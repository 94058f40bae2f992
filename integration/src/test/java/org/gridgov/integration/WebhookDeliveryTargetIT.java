package org.gridgov.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.gridgov.identity.testing.TestAdmin;
import org.gridgov.integration.testing.WebhookReceiver;
import org.gridgov.shared.crypto.DataCipher;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16 #11, DNS rebinding: the address rules hold at delivery time, on the address the connection would go to —
 * not only when the subscription was created. Runs as production does: private addresses not allowed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gridgov.webhooks.allow-private-addresses=false")
class WebhookDeliveryTargetIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataCipher cipher;

    @Test
    void a_subscription_whose_host_now_resolves_to_an_internal_address_receives_nothing() throws Exception {
        HttpTestClient admin = TestAdmin.login(port);
        TestTree tree = new GridTreeFixture(admin).tree();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // accepted when created (its name resolved to a public address then); now it resolves to 127.0.0.1
            long id = jdbc.queryForObject("""
                    insert into webhook_subscription (owner, name, url, secret_enc, event_types)
                    values ('admin', 'rebound', ?, ?, array['incident.created']) returning id""", Long.class,
                    receiver.url(), cipher.encrypt("whsec_rebound", "webhook_secret"));

            var reported = admin.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                    "{\"category\":\"ENVIRONMENT\",\"description\":\"井盖缺失\",\"lat\":" + tree.lat() + ",\"lng\":"
                            + tree.lng() + "}");
            assertThat(reported.status()).as(reported.toString()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "select max(last_error) from webhook_delivery where subscription_id = ?", String.class, id))
                .contains("refused").contains("127.0.0.1").contains("loopback"));
            assertThat(receiver.requests()).as("no request reached the internal address").isZero();
            // it receives every incident.created: gone, so other tests' events do not queue for it
            jdbc.update("update webhook_subscription set state = 'DELETED' where id = ?", id);
        }
    }
}
