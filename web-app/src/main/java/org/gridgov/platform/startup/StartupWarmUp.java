package org.gridgov.platform.startup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.grid.GeoPoint;
import org.gridgov.grid.GridLocator;
import org.gridgov.identity.TokenPrincipal;
import org.gridgov.identity.TokenService;
import org.gridgov.shared.security.Role;
import org.gridgov.shared.startup.StartupTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A short warm-up of the hot paths before readiness flips UP (issue 18), so the first requests a load balancer sends
 * do not pay for the interpreter: {@code gridgov.startup.warm-up.enabled} (on in the application's configuration,
 * off in tests), at most {@code requests} requests or {@code duration}, on {@code threads} threads.
 * <p>
 * Writes nothing. Each round sends, over loopback to this node's own port, an incident report
 * ({@code POST /api/v1/incidents}) that is complete and valid but has no {@code Idempotency-Key}: it runs the whole
 * request path — Tomcat, the security filters, the JWT check (a token signed here for an existing resident, or the
 * administrator) and the account cache, the idempotency filter, Jackson, bean validation, the controller and the
 * problem+json answer — and is refused with 400 {@code incident.idempotency-key-required} before the service, so no
 * incident, timeline, outbox or idempotency row is written. Each round also locates a few points with the in-memory
 * grid index. What it does not warm: Hibernate's insert and the service's own statements (they would write).
 */
@Component
@Order(1000) // last: after the demo data and the grid index
class StartupWarmUp implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);

    private static final String[] CATEGORIES = { "ENVIRONMENT", "PUBLIC_FACILITY", "NOISE", "OTHER", "BUILDING_SAFETY" };

    private final Environment environment;
    private final JdbcTemplate jdbc;
    private final TokenService tokens;
    private final GridLocator locator;
    private final boolean enabled;
    private final int requests;
    private final Duration duration;
    private final int threads;

    StartupWarmUp(Environment environment, JdbcTemplate jdbc, TokenService tokens, GridLocator locator,
            @Value("${gridgov.startup.warm-up.enabled:false}") boolean enabled,
            @Value("${gridgov.startup.warm-up.requests:3000}") int requests,
            @Value("${gridgov.startup.warm-up.duration:5s}") Duration duration,
            @Value("${gridgov.startup.warm-up.threads:2}") int threads) {
        this.environment = environment;
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.locator = locator;
        this.enabled = enabled;
        this.requests = requests;
        this.duration = duration;
        this.threads = threads;
    }

    @Override
    public String startupTaskName() {
        return "warm-up";
    }

    @Override
    public void runAtStartup() {
        Integer port = environment.getProperty("local.server.port", Integer.class);
        if (!enabled || port == null || port <= 0) {
            return;
        }
        List<Map<String, Object>> accounts = jdbc.queryForList("""
                select id, username, role from account where status = 'ACTIVE' and role in (?, ?)
                 order by role = ? desc, id limit 1""", Role.RESIDENT.name(), Role.SYSTEM_ADMIN.name(),
                Role.RESIDENT.name());
        if (accounts.isEmpty()) {
            return;
        }
        Map<String, Object> account = accounts.get(0);
        String token = tokens.issueForClient(new TokenPrincipal(((Number) account.get("id")).longValue(),
                (String) account.get("username"), Role.valueOf((String) account.get("role")), null, null, null))
            .accessToken();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/incidents");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicInteger sent = new AtomicInteger();
        AtomicLong located = new AtomicLong();
        AtomicInteger unexpected = new AtomicInteger();
        long started = System.nanoTime();
        Runnable worker = () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < deadline && sent.getAndIncrement() < requests) {
                // 三义桥社区 of the demo data and the rest of Chengdu: hits and misses of the index
                double lat = 30.4 + random.nextDouble() * 0.4;
                double lng = 103.8 + random.nextDouble() * 0.4;
                for (int i = 0; i < 5; i++) {
                    located.addAndGet(locator.gridAt(new GeoPoint(lat + i * 1e-4, lng)).isPresent() ? 1 : 0);
                }
                String body = "{\"category\":\"" + CATEGORIES[random.nextInt(CATEGORIES.length)]
                        + "\",\"description\":\"warm-up report " + random.nextInt(1_000_000) + " 空置房屋外墙出现裂缝\","
                        + "\"lat\":" + lat + ",\"lng\":" + lng + "}";
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept-Language", random.nextBoolean() ? "zh-CN" : "en")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 400) {
                        unexpected.incrementAndGet();
                    }
                }
                catch (java.io.IOException ex) {
                    unexpected.incrementAndGet();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
        Thread[] workers = new Thread[Math.max(1, threads)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(worker, "warm-up-" + i);
            workers[i].start();
        }
        for (Thread thread : workers) {
            try {
                thread.join();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("Warm-up: {} refused reports ({} not answered 400), {} points located, in {} ms",
                Math.min(sent.get(), requests), unexpected.get(), located.get(), (System.nanoTime() - started) / 1_000_000);
    }
}
