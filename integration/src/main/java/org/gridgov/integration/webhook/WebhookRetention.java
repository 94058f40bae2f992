package org.gridgov.integration.webhook;

import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.shared.retention.RetentionProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the outbox from growing without bound: a webhook delivery goes {@code gridgov.retention.outbox} (30 days)
 * after it succeeded, a FAILED one {@code gridgov.retention.failed-deliveries} (90 days) after its last attempt; an
 * outbox event goes once it is older than {@code gridgov.retention.outbox} and none of its deliveries is left. PENDING
 * deliveries (a paused subscription's backlog included) and their events are never removed.
 */
@Component
public class WebhookRetention {

    private static final Logger log = LoggerFactory.getLogger(WebhookRetention.class);

    /** What a purge removed. */
    public record Purged(int deliveries, int events) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RetentionProperties properties;

    WebhookRetention(JdbcClient jdbc, TransactionTemplate tx, RetentionProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
    }

    public Purged purge() {
        int deliveries = 0;
        int batch;
        do {
            batch = inBatch("""
                    select id from webhook_delivery
                     where state = 'DELIVERED' and delivered_at < now() - make_interval(secs => ?)
                     limit ?""", RetentionProperties.seconds(properties.outbox()),
                    "delete from webhook_delivery where id = any (?)");
            deliveries += batch;
        }
        while (batch == properties.batchSize());
        do {
            batch = inBatch("""
                    select id from webhook_delivery
                     where state = 'FAILED' and coalesce(last_attempt_at, created_at) < now() - make_interval(secs => ?)
                     limit ?""", RetentionProperties.seconds(properties.failedDeliveries()),
                    "delete from webhook_delivery where id = any (?)");
            deliveries += batch;
        }
        while (batch == properties.batchSize());
        int events = 0;
        do {
            batch = inBatch("""
                    select e.id from outbox_event e
                     where e.occurred_at < now() - make_interval(secs => ?)
                       and not exists (select 1 from webhook_delivery d where d.outbox_event_id = e.id)
                     limit ?""", RetentionProperties.seconds(properties.outbox()),
                    "delete from outbox_event where id = any (?)");
            events += batch;
        }
        while (batch == properties.batchSize());
        return new Purged(deliveries, events);
    }

    /** Deletes one batch of the rows {@code select} finds, in a short transaction of its own. */
    private int inBatch(String select, double seconds, String delete) {
        Integer deleted = tx.execute(status -> {
            List<Long> ids = jdbc.sql(select + " for update skip locked").params(seconds, properties.batchSize())
                .query(Long.class).list();
            return ids.isEmpty() ? 0 : jdbc.sql(delete).param(ids.toArray(Long[]::new)).update();
        });
        return deleted == null ? 0 : deleted;
    }

    @Component
    @ConditionalOnProperty(name = "gridgov.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class WebhookRetentionJob {

        private final WebhookRetention retention;

        WebhookRetentionJob(WebhookRetention retention) {
            this.retention = retention;
        }

        @Scheduled(fixedDelayString = "${gridgov.retention.interval:PT6H}", initialDelayString = "PT2M")
        @SchedulerLock(name = "webhook-retention", lockAtMostFor = "PT30M")
        void purge() {
            Purged purged = retention.purge();
            if (purged.deliveries() + purged.events() > 0) {
                log.info("Webhook retention: removed {} deliveries and {} outbox events", purged.deliveries(),
                        purged.events());
            }
        }
    }
}
