package org.gridgov.integration.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.shared.crypto.DataCipher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers pending webhook deliveries: at least once, in order per aggregate (an incident's events never overtake
 * each other), with exponential backoff, giving up after a day, pausing subscriptions that keep failing.
 * <p>
 * Each batch is one transaction holding its deliveries' row locks ({@code FOR UPDATE SKIP LOCKED}) while it posts
 * them; the outcome is written in that transaction. If the node dies mid-delivery the transaction rolls back and the
 * deliveries are simply pending again — the receiver may see an event twice and deduplicates on its id, but nothing
 * is lost. A delivery is only picked while no earlier delivery of the same aggregate to the same subscription is
 * pending, which is what keeps the order — across nodes too, since a locked earlier delivery is still pending.
 * The job itself runs on one node at a time (ShedLock), like every scheduled job of the platform.
 */
@Component
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final DataCipher cipher;

    WebhookDispatcher(JdbcClient jdbc, TransactionTemplate tx, WebhookProperties properties,
            Optional<Clock> clock, DataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
        this.http = HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    private record Due(long id, long subscriptionId, int attempts, Instant createdAt, String url, String secret,
            String eventId, String type, String body) {
    }

    /** Delivers what is due, batch after batch, until nothing is or the time budget is spent. */
    public int dispatchDue() {
        int total = 0;
        long deadline = System.nanoTime() + 50_000_000_000L;
        int sent;
        do {
            Integer batch = tx.execute(status -> dispatchBatch());
            sent = batch == null ? 0 : batch;
            total += sent;
        }
        while (sent > 0 && System.nanoTime() < deadline);
        return total;
    }

    private int dispatchBatch() {
        List<Due> due = jdbc.sql("""
                select d.id, d.subscription_id, d.attempts, d.created_at, s.url, s.secret, s.secret_enc, e.event_id,
                       e.type,
                       e.payload::text as body
                  from webhook_delivery d
                  join webhook_subscription s on s.id = d.subscription_id
                  join outbox_event e on e.id = d.outbox_event_id
                 where d.state = 'PENDING' and d.next_attempt_at <= now() and s.state = 'ACTIVE'
                   and not exists (select 1 from webhook_delivery p
                                    where p.subscription_id = d.subscription_id and p.aggregate_key = d.aggregate_key
                                      and p.state = 'PENDING' and p.id < d.id)
                 order by d.next_attempt_at, d.id
                 limit ?
                 for update of d skip locked""")
            .param(properties.batchSize())
            .query((rs, row) -> new Due(rs.getLong("id"), rs.getLong("subscription_id"), rs.getInt("attempts"),
                    rs.getTimestamp("created_at").toInstant(), rs.getString("url"),
                    secret(rs.getString("secret"), rs.getBytes("secret_enc")),
                    rs.getString("event_id"), rs.getString("type"), rs.getString("body")))
            .list();
        for (Due delivery : due) {
            deliver(delivery);
        }
        return due.size();
    }

    /** The signing secret: encrypted, or in plain text until {@link WebhookSecretEncryption} has run once. */
    private String secret(String plain, byte[] encrypted) {
        return encrypted != null ? cipher.decrypt(encrypted, WebhookSubscriptionService.SECRET_PURPOSE) : plain;
    }

    private void deliver(Due delivery) {
        Instant now = clock.instant();
        Integer status = null;
        String error = null;
        try {
            long timestamp = now.getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "GridGov-Webhooks/1")
                .header("X-GridGov-Event-Id", delivery.eventId())
                .header("X-GridGov-Event-Type", delivery.type())
                .header("X-GridGov-Delivery", String.valueOf(delivery.id()))
                .header(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(), timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering", ex);
        }
        if (error == null) {
            jdbc.sql("""
                    update webhook_delivery set state = 'DELIVERED', attempts = attempts + 1, last_attempt_at = ?,
                           last_status = ?, last_error = null, delivered_at = ? where id = ?""")
                .params(Timestamp.from(now), status, Timestamp.from(now), delivery.id()).update();
            jdbc.sql("update webhook_subscription set consecutive_failures = 0, failing_since = null where id = ?")
                .param(delivery.subscriptionId()).update();
            return;
        }
        failed(delivery, now, status, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
    }

    private void failed(Due delivery, Instant now, Integer status, String error) {
        int attempts = delivery.attempts() + 1;
        boolean giveUp = !now.isBefore(delivery.createdAt().plus(properties.giveUpAfter()));
        jdbc.sql("""
                update webhook_delivery set state = ?, attempts = ?, last_attempt_at = ?, last_status = ?,
                       last_error = ?, next_attempt_at = ? where id = ?""")
            .params(giveUp ? "FAILED" : "PENDING", attempts, Timestamp.from(now), status, error,
                    Timestamp.from(now.plus(properties.backoff(attempts))), delivery.id())
            .update();
        jdbc.sql("""
                update webhook_subscription set consecutive_failures = consecutive_failures + 1,
                       failing_since = coalesce(failing_since, ?) where id = ?""")
            .params(Timestamp.from(now), delivery.subscriptionId()).update();
        int paused = jdbc.sql("""
                update webhook_subscription set state = 'PAUSED', paused_at = ?, paused_reason = ?
                 where id = ? and state = 'ACTIVE' and consecutive_failures >= ? and failing_since <= ?""")
            .params(Timestamp.from(now), "paused after repeated failures; last: " + error, delivery.subscriptionId(),
                    properties.pauseAfterFailures(), Timestamp.from(now.minus(properties.pauseAfterFailingFor())))
            .update();
        if (paused == 1) {
            log.warn("Webhook subscription {} paused: {}", delivery.subscriptionId(), error);
        }
        else {
            log.debug("Webhook delivery {} failed (attempt {}): {}", delivery.id(), attempts, error);
        }
    }

    @Component
    @ConditionalOnProperty(name = "gridgov.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class WebhookJob {

        private final WebhookDispatcher dispatcher;

        WebhookJob(WebhookDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Scheduled(fixedDelayString = "${gridgov.webhooks.dispatch-interval:PT2S}", initialDelayString = "PT5S")
        @SchedulerLock(name = "webhook-dispatch", lockAtMostFor = "PT5M")
        void dispatch() {
            try {
                dispatcher.dispatchDue();
            }
            catch (RuntimeException ex) {
                // the batch rolled back: its deliveries are pending again and go out on the next run
                log.warn("Webhook dispatch interrupted: {}", ex.toString());
            }
        }
    }
}
