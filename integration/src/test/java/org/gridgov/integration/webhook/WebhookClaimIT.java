package org.gridgov.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.gridgov.integration.testing.WebhookReceiver;
import org.gridgov.shared.crypto.DataCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16 #10: several nodes dispatching at once never send the same delivery twice — claims are taken with
 * {@code FOR UPDATE SKIP LOCKED} and leased. Two more dispatchers (as two more nodes would run) race the application's
 * own scheduled one, without ShedLock between them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookClaimIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JdbcClient jdbcClient;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    WebhookProperties properties;

    @Autowired
    DataCipher cipher;

    @Test
    void dispatchers_of_several_nodes_never_send_the_same_delivery() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.secret("whsec_claims");
            long subscription = jdbc.queryForObject("""
                    insert into webhook_subscription (owner, name, url, secret_enc, event_types, state)
                    values ('claim-test', 'claims', ?, ?, array['incident.created'], 'PAUSED') returning id""",
                    Long.class, receiver.url(), cipher.encrypt("whsec_claims", "webhook_secret"));
            int events = 60;
            for (int i = 0; i < events; i++) {
                long event = jdbc.queryForObject("""
                        insert into outbox_event (event_id, type, aggregate_key, payload, occurred_at)
                        values (?, 'incident.created', ?, '{}'::jsonb, now()) returning id""", Long.class,
                        UUID.randomUUID(), "claim:" + i);
                jdbc.update("insert into webhook_delivery (subscription_id, outbox_event_id, aggregate_key) "
                        + "values (?, ?, ?)", subscription, event, "claim:" + i);
            }
            List<WebhookDispatcher> nodes = List.of(new WebhookDispatcher(jdbcClient, tx, properties, cipher),
                    new WebhookDispatcher(jdbcClient, tx, properties, cipher));
            ExecutorService runners = Executors.newFixedThreadPool(nodes.size());
            try {
                jdbc.update("update webhook_subscription set state = 'ACTIVE' where id = ?", subscription);
                List<Future<?>> running = new ArrayList<>();
                for (WebhookDispatcher node : nodes) {
                    running.add(runners.submit(() -> {
                        // a Callable, so that it may sleep
                        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                        while (System.nanoTime() < until && pending(subscription) > 0) {
                            node.dispatchDue();
                            Thread.sleep(10);
                        }
                        return null;
                    }));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> pending(subscription) == 0);
                for (Future<?> run : running) {
                    run.get();
                }
            }
            finally {
                // it receives every incident.created: gone, so other tests' events do not queue for it
                jdbc.update("update webhook_subscription set state = 'DELETED' where id = ?", subscription);
                runners.shutdown();
                for (WebhookDispatcher node : nodes) {
                    node.stop();
                }
            }

            Map<String, Long> perEvent = receiver.received().stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Received::eventId, Collectors.counting()));
            assertThat(perEvent).hasSize(events);
            assertThat(perEvent.values()).as("each delivery sent exactly once").containsOnly(1L);
            assertThat(receiver.received()).allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(jdbc.queryForList("select distinct state from webhook_delivery where subscription_id = ?",
                    String.class, subscription)).containsExactly("DELIVERED");
        }
    }

    long pending(long subscription) {
        return jdbc.queryForObject("select count(*) from webhook_delivery where subscription_id = ? "
                + "and state = 'PENDING'", Long.class, subscription);
    }
}
