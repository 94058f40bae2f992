package org.gridgov.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Residents reporting incidents as fast as the application answers, each report with its own Idempotency-Key, as the
 * mobile app sends them. Keeps what happened to every key: answered 201 (acknowledged: must never be lost), answered
 * something else, or unanswered (the connection broke: the client does not know, and retries with the same key).
 */
final class IntakeLoad {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Acknowledged(String key, long id, String trackingCode) {
    }

    private final String baseUrl;
    private final String token;
    private final String run;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger sent = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Nanotime of every answer, with its status: to see when writes failed and when they came back. */
    final List<long[]> timeline = java.util.Collections.synchronizedList(new ArrayList<>());

    IntakeLoad(String baseUrl, String token, String run) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.run = run;
    }

    static String token(String baseUrl, String username, String password) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/api/v1/auth/token")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
                    + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + ": " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("accessToken").asString();
    }

    void start(int threadCount) {
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String key = run + "-" + thread + "-" + n;
                    sent.incrementAndGet();
                    int status = report(key);
                    if (status == 503 || status == 0) {
                        pause(200); // Retry-After says 5 s; a load generator only backs off a little
                    }
                }
            }, "intake-" + t);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
    }

    /** One report; the status it got, or 0 when no answer came. */
    int report(String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/incidents"))
            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"BUILDING_SAFETY\",\"description\":"
                    + "\"可靠性测试 " + key + "\",\"lat\":30.5725,\"lng\":103.935}"))
            .build();
        int status;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status == 201) {
                JsonNode incident = JSON.readTree(response.body()).path("incident");
                acknowledged.put(key, new Acknowledged(key, incident.path("id").asLong(),
                        incident.path("trackingCode").asString()));
                unanswered.remove(key);
            }
            else if (status == 503) {
                refused.add(key);
                String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (retryAfter == null || !type.startsWith("application/problem+json")) {
                    problems.add(key + ": 503 without Retry-After or problem+json: " + type + " " + response.body());
                }
            }
            else if (status == 409 && response.body().contains("idempotency.in-progress")) {
                // the key's first request is still claimed (by a node that died: taken over after a while)
                inProgress.add(key);
                if (response.headers().firstValue("Retry-After").isEmpty()) {
                    problems.add(key + ": 409 in progress without Retry-After");
                }
            }
            else {
                problems.add(key + ": " + status + " " + response.body());
            }
        }
        catch (IOException ex) {
            status = 0;
            unanswered.add(key);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            status = 0;
            unanswered.add(key);
        }
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        timeline.add(new long[] { System.nanoTime(), status });
        return status;
    }

    /**
     * What a client does with reports that got no 201: retries each with its own key, as Retry-After says, until it is
     * acknowledged (or the deadline passes), then once more, which must answer the same incident. Returns the keys
     * that broke that rule, with what they got; {@code waited} receives the longest a key waited for its 201.
     */
    List<String> retryUntilAcknowledged(java.util.Collection<String> keys, Duration within, long[] waited)
            throws InterruptedException {
        long began = System.nanoTime();
        long deadline = began + within.toNanos();
        java.util.Set<String> pending = new java.util.LinkedHashSet<>(keys);
        List<String> broken = new ArrayList<>();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (java.util.Iterator<String> it = pending.iterator(); it.hasNext();) {
                String key = it.next();
                int status = report(key);
                if (status == 201) {
                    it.remove();
                    waited[0] = Math.max(waited[0], System.nanoTime() - began);
                    Acknowledged first = acknowledged.get(key);
                    int again = report(key);
                    Acknowledged second = acknowledged.get(key);
                    if (again != 201 || second == null || second.id() != first.id()) {
                        broken.add(key + ": retried after its 201 → " + again + " " + second + " (first " + first
                                + ")");
                    }
                }
                else if (status != 409 && status != 503 && status != 0) {
                    it.remove();
                    broken.add(key + " → " + status);
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(1_000); // the Retry-After of idempotency.in-progress
            }
        }
        pending.forEach(key -> broken.add(key + ": no 201 within " + within));
        return broken;
    }

    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    int sent() {
        return sent.get();
    }

    Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
