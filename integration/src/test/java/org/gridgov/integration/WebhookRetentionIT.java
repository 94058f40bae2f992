package org.gridgov.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.gridgov.integration.webhook.WebhookRetention;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 16 #12: old successful deliveries and their events go; young ones and anything still to be sent stay. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookRetentionIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WebhookRetention retention;

    @Test
    void removes_deliveries_a_month_after_success_and_keeps_young_and_unsent_ones() {
        long subscription = jdbc.queryForObject("""
                insert into webhook_subscription (owner, name, url, secret, event_types, state)
                values ('retention-test', 'old', 'https://example.org/hook', 'whsec_x', array['incident.created'],
                        'PAUSED') returning id""", Long.class);

        long deliveredLongAgo = event("40 days");
        long deliveredA = delivery(subscription, deliveredLongAgo, "DELIVERED", "40 days");
        long pendingOld = event("40 days");
        long pendingA = delivery(subscription, pendingOld, "PENDING", null);
        long resentRecently = event("40 days");
        long resentA = delivery(subscription, resentRecently, "DELIVERED", "5 days");
        long young = event("5 days");
        long youngA = delivery(subscription, young, "DELIVERED", "5 days");
        long noSubscriber = event("40 days");
        long youngNoSubscriber = event("5 days");
        long failedLongAgo = event("100 days");
        long failedA = delivery(subscription, failedLongAgo, "FAILED", null);
        jdbc.update("update webhook_delivery set last_attempt_at = now() - interval '100 days' where id = ?", failedA);
        long failedRecently = event("40 days");
        long failedB = delivery(subscription, failedRecently, "FAILED", null);
        jdbc.update("update webhook_delivery set last_attempt_at = now() - interval '40 days' where id = ?", failedB);

        WebhookRetention.Purged purged = retention.purge();

        assertThat(purged.deliveries()).isGreaterThanOrEqualTo(2);
        assertThat(exists("webhook_delivery", deliveredA)).as("delivered 40 days ago").isFalse();
        assertThat(exists("outbox_event", deliveredLongAgo)).isFalse();
        assertThat(exists("outbox_event", noSubscriber)).as("an old event nobody subscribed to").isFalse();
        assertThat(exists("webhook_delivery", failedA)).as("given up on 100 days ago").isFalse();
        assertThat(exists("outbox_event", failedLongAgo)).isFalse();

        assertThat(exists("webhook_delivery", pendingA)).as("old but still to be sent").isTrue();
        assertThat(exists("outbox_event", pendingOld)).isTrue();
        assertThat(exists("webhook_delivery", resentA)).as("old event, re-sent 5 days ago").isTrue();
        assertThat(exists("outbox_event", resentRecently)).isTrue();
        assertThat(exists("webhook_delivery", youngA)).isTrue();
        assertThat(exists("outbox_event", young)).isTrue();
        assertThat(exists("outbox_event", youngNoSubscriber)).isTrue();
        assertThat(exists("webhook_delivery", failedB)).as("failed 40 days ago: can still be re-sent").isTrue();
        assertThat(exists("outbox_event", failedRecently)).isTrue();
    }

    long event(String age) {
        return jdbc.queryForObject("""
                insert into outbox_event (event_id, type, aggregate_key, payload, occurred_at)
                values (?, 'incident.created', 'incident:0', '{}'::jsonb, now() - cast(? as interval)) returning id""",
                Long.class, UUID.randomUUID(), age);
    }

    long delivery(long subscription, long event, String state, String deliveredAgo) {
        return jdbc.queryForObject("""
                insert into webhook_delivery (subscription_id, outbox_event_id, aggregate_key, state, delivered_at,
                                              created_at)
                values (?, ?, 'incident:0', ?, now() - cast(? as interval), now() - interval '40 days')
                returning id""", Long.class, subscription, event, state, deliveredAgo);
    }

    boolean exists(String table, long id) {
        return jdbc.queryForObject("select exists (select 1 from " + table + " where id = ?)", Boolean.class, id);
    }
}
