package org.gridgov.integration.webhook;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.shared.crypto.DataCipher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers pending webhook deliveries: at least once, in order per aggregate (an incident's events never overtake
 * each other) within a subscription, with exponential backoff, giving up after a day, pausing subscriptions that keep
 * failing — and never to a subscription whose owner (integrator client or account) is disabled.
 * <p>
 * <b>Claim, send, record — three steps, no transaction across the HTTP call.</b> A short transaction claims due
 * deliveries ({@code FOR UPDATE SKIP LOCKED}) and leases them: their {@code next_attempt_at} moves {@code lease}
 * ahead, so no other node (nor this one) picks them while they are on the wire. The HTTP calls then run on a bounded
 * pool ({@code parallelism} threads), one task per subscription sending that subscription's claimed deliveries in
 * order: a receiver that hangs holds one thread for at most the connect + read timeouts and delays no other
 * subscription. The outcome is written in a second short transaction, only if the lease is still the one taken (a
 * delivery re-queued meanwhile is left to its new claim). If the node dies mid-delivery, the lease runs out and the
 * delivery is simply due again — the receiver may see an event twice and deduplicates on its id, but nothing is lost.
 * A delivery is only claimed while no earlier delivery of the same aggregate to the same subscription is pending
 * (leased ones included), which keeps the order across nodes. Claiming runs on one node at a time (ShedLock).
 * <p>
 * Each delivery resolves its host again and connects only to addresses the {@link WebhookTargetPolicy} accepts
 * ({@link WebhookTargets}): a name that now resolves somewhere internal fails the attempt.
 */
@Component
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR = 500;
    private static final long KEEP_GOING_NANOS = 10_000_000_000L;

    /** A subscription whose owner is a disabled integrator client or a disabled account receives nothing. */
    static final String OWNER_DISABLED = """
            (exists (select 1 from integrator_client c where c.client_id = s.owner and c.status <> 'ACTIVE')
             or exists (select 1 from account a where a.username = s.owner and a.status <> 'ACTIVE'))""";

    private static final String CLAIMABLE = """
            select d.id, d.subscription_id
              from webhook_delivery d
              join webhook_subscription s on s.id = d.subscription_id
             where d.state = 'PENDING' and d.next_attempt_at <= now() and s.state = 'ACTIVE'
               and (cast(? as bigint) is null and not (d.subscription_id = any (?)) or d.subscription_id = ?)
               and not %s
               and not exists (select 1 from webhook_delivery p
                                where p.subscription_id = d.subscription_id and p.aggregate_key = d.aggregate_key
                                  and p.state = 'PENDING' and p.id < d.id)
             order by d.next_attempt_at, d.id
             limit ?
             for update of d skip locked""".formatted(OWNER_DISABLED);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final WebhookProperties properties;
    private final CloseableHttpClient http;
    private final DataCipher cipher;
    private final ThreadPoolTaskExecutor pool;
    /** Subscriptions this node is sending to right now: one task (one thread) per subscription. */
    private final Set<Long> sending = ConcurrentHashMap.newKeySet();

    WebhookDispatcher(JdbcClient jdbc, TransactionTemplate tx, WebhookProperties properties, DataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.tx = tx;
        this.properties = properties;
        this.http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new WebhookTargets(properties.allowPrivateAddresses()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                    .setSocketTimeout(Timeout.of(properties.readTimeout()))
                    .build())
                .setMaxConnTotal(properties.parallelism() * 2)
                .setMaxConnPerRoute(2)
                .build())
            .setDefaultRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(properties.readTimeout()))
                .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                .setRedirectsEnabled(false)
                .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .setUserAgent("GridGov-Webhooks/1")
            .build();
        this.pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(properties.parallelism());
        pool.setMaxPoolSize(properties.parallelism());
        // never more tasks than free threads are handed over (see dispatchDue): the queue stays short
        pool.setQueueCapacity(properties.parallelism());
        pool.setThreadNamePrefix("webhook-");
        pool.setWaitForTasksToCompleteOnShutdown(false);
        pool.initialize();
    }

    private record Claim(long id, long subscriptionId, int attempts, java.time.Instant createdAt, String url,
            String secret, String eventId, String type, String body, Timestamp leasedUntil) {
    }

    /**
     * Claims what is due for as many subscriptions as there are free threads and hands each subscription's deliveries
     * to the pool; returns at once (the sends go on in the background).
     *
     * @return the number of deliveries claimed
     */
    public int dispatchDue() {
        int free = properties.parallelism() - sending.size();
        if (free <= 0) {
            return 0;
        }
        List<Claim> claimed = tx.execute(status -> claim(null, free));
        Map<Long, List<Claim>> bySubscription = new LinkedHashMap<>();
        for (Claim claim : claimed) {
            bySubscription.computeIfAbsent(claim.subscriptionId(), id -> new ArrayList<>()).add(claim);
        }
        bySubscription.forEach((subscriptionId, deliveries) -> {
            sending.add(subscriptionId);
            try {
                pool.execute(() -> {
                    try {
                        keepSending(subscriptionId, deliveries);
                    }
                    finally {
                        sending.remove(subscriptionId);
                    }
                });
            }
            catch (RuntimeException ex) {
                // rejected (shutting down): the leases run out and the deliveries are due again
                sending.remove(subscriptionId);
                log.warn("Webhook deliveries of subscription {} not handed over: {}", subscriptionId, ex.toString());
            }
        });
        return claimed.size();
    }

    /**
     * Sends a subscription's claimed deliveries, then — while all went through — claims and sends its next ones, for
     * up to {@code KEEP_GOING}: a busy subscription is not held to one batch per dispatcher run, and still gives its
     * thread back regularly so other subscriptions get their turn.
     */
    private void keepSending(long subscriptionId, List<Claim> first) {
        long until = System.nanoTime() + KEEP_GOING_NANOS;
        List<Claim> batch = first;
        while (send(batch) && !batch.isEmpty() && System.nanoTime() < until) {
            batch = tx.execute(status -> claim(subscriptionId, 1));
        }
    }

    /**
     * Locks due deliveries and leases them: of {@code only} if given, else of at most {@code subscriptions}
     * subscriptions not in flight here.
     */
    private List<Claim> claim(Long only, int subscriptions) {
        List<long[]> due = jdbc.sql(CLAIMABLE)
            .params(only, sending.toArray(Long[]::new), only, properties.batchSize())
            .query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
            .list();
        Set<Long> chosen = new java.util.LinkedHashSet<>();
        List<Long> ids = new ArrayList<>();
        for (long[] row : due) {
            if (chosen.contains(row[1]) || chosen.size() < subscriptions) {
                chosen.add(row[1]);
                ids.add(row[0]);
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                with leased as (
                    update webhook_delivery set next_attempt_at = now() + make_interval(secs => ?)
                     where id = any (?) returning id, subscription_id, attempts, created_at, outbox_event_id,
                                                   next_attempt_at)
                select d.id, d.subscription_id, d.attempts, d.created_at, d.next_attempt_at, s.url, s.secret,
                       s.secret_enc, e.event_id, e.type, e.payload::text as body
                  from leased d
                  join webhook_subscription s on s.id = d.subscription_id
                  join outbox_event e on e.id = d.outbox_event_id
                 order by d.id""")
            .params(properties.lease().toMillis() / 1000.0, ids.toArray(Long[]::new))
            .query((rs, row) -> new Claim(rs.getLong("id"), rs.getLong("subscription_id"), rs.getInt("attempts"),
                    rs.getTimestamp("created_at").toInstant(), rs.getString("url"),
                    secret(rs.getString("secret"), rs.getBytes("secret_enc")), rs.getString("event_id"),
                    rs.getString("type"), rs.getString("body"), rs.getTimestamp("next_attempt_at")))
            .list();
    }

    /** The signing secret: encrypted, or in plain text until {@link WebhookSecretEncryption} has run once. */
    private String secret(String plain, byte[] encrypted) {
        return encrypted != null ? cipher.decrypt(encrypted, WebhookSubscriptionService.SECRET_PURPOSE) : plain;
    }

    /**
     * Sends one subscription's claimed deliveries in order. After a failed one, or once too little of the lease is
     * left for another attempt, the rest are handed back (due again at once) rather than sent late or twice.
     */
    private boolean send(List<Claim> deliveries) {
        boolean handBack = false;
        long attemptMillis = properties.connectTimeout().plus(properties.readTimeout()).toMillis() + 1000;
        for (Claim delivery : deliveries) {
            handBack = handBack || delivery.leasedUntil().getTime() - System.currentTimeMillis() < attemptMillis;
            if (handBack) {
                jdbc.sql("update webhook_delivery set next_attempt_at = now() where id = ? and state = 'PENDING' "
                        + "and next_attempt_at = ?").params(delivery.id(), delivery.leasedUntil()).update();
            }
            else {
                handBack = !deliver(delivery);
            }
        }
        return !handBack;
    }

    /** @return whether the receiver took it */
    private boolean deliver(Claim delivery) {
        Integer status = null;
        String error = null;
        try {
            long timestamp = System.currentTimeMillis() / 1000;
            HttpPost request = new HttpPost(delivery.url());
            request.setHeader("X-GridGov-Event-Id", delivery.eventId());
            request.setHeader("X-GridGov-Event-Type", delivery.type());
            request.setHeader("X-GridGov-Delivery", String.valueOf(delivery.id()));
            request.setHeader(WebhookSignature.HEADER,
                    WebhookSignature.header(delivery.secret(), timestamp, delivery.body()));
            request.setEntity(new StringEntity(delivery.body(), ContentType.APPLICATION_JSON));
            status = http.execute(request, response -> {
                EntityUtils.consumeQuietly(response.getEntity());
                return response.getCode();
            });
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        }
        catch (WebhookTargets.RefusedTargetException ex) {
            error = "refused: " + ex.getMessage();
        }
        catch (IOException | IllegalArgumentException ex) {
            error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
        String outcome = error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        Integer answered = status;
        try {
            tx.executeWithoutResult(t -> {
                if (outcome == null) {
                    delivered(delivery, answered);
                }
                else {
                    failed(delivery, answered, outcome);
                }
            });
        }
        catch (RuntimeException ex) {
            // the lease runs out and the delivery goes out again: at least once
            log.warn("Outcome of webhook delivery {} not recorded: {}", delivery.id(), ex.toString());
        }
        return outcome == null;
    }

    private void delivered(Claim delivery, Integer status) {
        int updated = jdbc.sql("""
                update webhook_delivery set state = 'DELIVERED', attempts = attempts + 1, last_attempt_at = now(),
                       last_status = ?, last_error = null, delivered_at = now()
                 where id = ? and state = 'PENDING' and next_attempt_at = ?""")
            .params(status, delivery.id(), delivery.leasedUntil()).update();
        if (updated == 1) {
            jdbc.sql("update webhook_subscription set consecutive_failures = 0, failing_since = null where id = ?")
                .param(delivery.subscriptionId()).update();
        }
    }

    private void failed(Claim delivery, Integer status, String error) {
        int attempts = delivery.attempts() + 1;
        java.time.Instant now = java.time.Instant.now();
        boolean giveUp = !now.isBefore(delivery.createdAt().plus(properties.giveUpAfter()));
        int updated = jdbc.sql("""
                update webhook_delivery set state = ?, attempts = ?, last_attempt_at = now(), last_status = ?,
                       last_error = ?, next_attempt_at = now() + make_interval(secs => ?)
                 where id = ? and state = 'PENDING' and next_attempt_at = ?""")
            .params(giveUp ? "FAILED" : "PENDING", attempts, status, error,
                    properties.backoff(attempts).toMillis() / 1000.0, delivery.id(), delivery.leasedUntil())
            .update();
        if (updated == 0) {
            return;
        }
        jdbc.sql("""
                update webhook_subscription set consecutive_failures = consecutive_failures + 1,
                       failing_since = coalesce(failing_since, now()) where id = ?""")
            .param(delivery.subscriptionId()).update();
        int paused = jdbc.sql("""
                update webhook_subscription set state = 'PAUSED', paused_at = now(), paused_reason = ?
                 where id = ? and state = 'ACTIVE' and consecutive_failures >= ?
                   and failing_since <= now() - make_interval(secs => ?)""")
            .params("paused after repeated failures; last: " + error, delivery.subscriptionId(),
                    properties.pauseAfterFailures(), properties.pauseAfterFailingFor().toMillis() / 1000.0)
            .update();
        if (paused == 1) {
            log.warn("Webhook subscription {} paused: {}", delivery.subscriptionId(), error);
        }
        else {
            log.debug("Webhook delivery {} failed (attempt {}): {}", delivery.id(), attempts, error);
        }
    }

    @PreDestroy
    void stop() throws IOException, InterruptedException {
        pool.shutdown();
        pool.getThreadPoolExecutor().awaitTermination(properties.connectTimeout().plus(properties.readTimeout())
            .toMillis(), TimeUnit.MILLISECONDS);
        http.close();
    }

    @Component
    @ConditionalOnProperty(name = "gridgov.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class WebhookJob {

        private final WebhookDispatcher dispatcher;

        WebhookJob(WebhookDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Scheduled(fixedDelayString = "${gridgov.webhooks.dispatch-interval:PT2S}", initialDelayString = "PT5S")
        @SchedulerLock(name = "webhook-dispatch", lockAtMostFor = "PT1M")
        void dispatch() {
            try {
                dispatcher.dispatchDue();
            }
            catch (RuntimeException ex) {
                // the claim rolled back: its deliveries are still due and go out on the next run
                log.warn("Webhook dispatch interrupted: {}", ex.toString());
            }
        }
    }
}
