package org.gridgov.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.gridgov.testsupport.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, reliability suite (a): {@code kill -9} of the application while residents report incidents, then a restart
 * on the same embedded-PostgreSQL data directory. Every report answered 201 is there after the restart, a retry with
 * the Idempotency-Key of a report that got no answer creates it at most once, and the restart is clean: the
 * postmaster the killed JVM left behind (issue 16 #1) is stopped by the new start, which then succeeds by itself.
 * <p>
 * Runs with {@code ./mvnw -Preliability verify}, not in the default build.
 */
class AppKilledUnderLoadReliability {

    static final int ROUNDS = Integer.getInteger("reliability.kill.rounds", 1);
    /** IdempotencyStore takes over a claim left in progress by a dead node after 5 minutes. */
    static final Duration RETRY_WITHIN = Duration.ofMinutes(7);
    static final int THREADS = 8;
    static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(15);

    @Test
    void no_acknowledged_report_is_lost_and_the_app_restarts_cleanly_after_kill_9_under_load() throws Exception {
        Path data = AppProcess.WORK.resolve("kill-postgres").toAbsolutePath();
        deleteRecursively(data);
        Files.deleteIfExists(data.resolveSibling("kill-postgres.lock"));
        int dbPort = AppProcess.freePort();
        String run = "kill" + Long.toString(System.currentTimeMillis(), 36);
        List<IntakeLoad> loads = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        try (AppProcess app = new AppProcess("kill", Map.of(
                "GRIDGOV_EMBEDDED_DATABASE_DATA_DIRECTORY", data.toString(),
                "GRIDGOV_EMBEDDED_DATABASE_PORT", String.valueOf(dbPort)))) {
            Duration firstStart = app.start(Duration.ofMinutes(5));
            figures.add("first start (migrations, demo data): " + firstStart.toSeconds() + " s");
            String token = IntakeLoad.token(app.baseUrl(), "demo.resident", "gridgov-demo");

            for (int round = 1; round <= ROUNDS; round++) {
                IntakeLoad load = new IntakeLoad(app.baseUrl(), token, run + "r" + round);
                loads.add(load);
                load.start(THREADS);
                Thread.sleep(LOAD_BEFORE_KILL.toMillis());
                app.kill();
                load.stop();
                int acknowledgedBeforeKill = load.acknowledged.size();
                int unansweredAtKill = load.unanswered.size();
                long orphan = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .as("kill -9 of the JVM leaves its embedded postmaster running (the case of issue 16 #1)")
                    .isTrue();

                Duration restart = app.start(Duration.ofMinutes(5));
                String log = app.fullLog();
                assertThat(log).contains("An orphaned PostgreSQL (pid " + orphan + ")");
                assertThat(log).doesNotContain("SPRING_DATASOURCE_URL").doesNotContain("APPLICATION FAILED TO START");
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();

                // every acknowledged report is there, through the API and in the database
                HttpTestClient resident = HttpTestClient.at(app.port())
                    .bearer(IntakeLoad.token(app.baseUrl(), "demo.resident", "gridgov-demo"));
                int found = 0;
                List<String> lost = new ArrayList<>();
                for (IntakeLoad.Acknowledged ack : load.acknowledged.values()) {
                    var incident = resident.get("/api/v1/incidents/" + ack.id());
                    if (incident.status() == 200
                            && ack.trackingCode().equals(incident.json().path("trackingCode").asString())) {
                        found++;
                    }
                    else {
                        lost.add(ack + " → " + incident.status());
                    }
                }
                assertThat(lost).as("acknowledged (201) reports missing after kill -9 and restart").isEmpty();

                // a report that got no answer is retried with its key, as Retry-After says, until acknowledged: the
                // key's claim left by the killed process answers 409 idempotency.in-progress until it is taken over
                int retried = load.unanswered.size();
                long[] waited = new long[1];
                List<String> retryProblems = load.retryUntilAcknowledged(List.copyOf(load.unanswered),
                        RETRY_WITHIN, waited);
                assertThat(retryProblems).isEmpty();

                String password = Files.readString(data.resolve("gridgov-password")).trim();
                Map<String, Integer> perKey = Figures.incidentsPerKey("jdbc:postgresql://127.0.0.1:" + dbPort
                        + "/postgres", "postgres", password, run + "r" + round);
                assertThat(Figures.twice(perKey)).as("an Idempotency-Key that created two incidents").isEmpty();
                assertThat(Figures.missing(load.acknowledged.keySet(), perKey)).isEmpty();

                figures.add("round " + round + ": " + THREADS + " resident threads for " + LOAD_BEFORE_KILL.toSeconds()
                        + " s, then kill -9: " + load.sent() + " reports sent, " + acknowledgedBeforeKill
                        + " acknowledged (201), " + unansweredAtKill + " unanswered (connection broken by the kill); "
                        + found + " of the " + acknowledgedBeforeKill + " acknowledged found after the restart ("
                        + lost.size() + " lost); " + retried + " unanswered retried with their key "
                        + "(409 idempotency.in-progress, Retry-After 1, " + load.inProgress.size()
                        + " keys, until the dead process's claim was taken over; the last "
                        + "acknowledged " + Duration.ofNanos(waited[0]).toSeconds() + " s after the retries began) → "
                        + "each exactly one incident; database: " + perKey.size() + " incidents for "
                        + perKey.size() + " keys, 0 keys with two; restart with the orphaned postmaster (pid " + orphan
                        + ") stopped: ready in " + restart.toSeconds() + " s; statuses " + load.statusCounts()
                        + " (0 = no answer)");
                figures.add("round " + round + " problems seen by the load: " + load.problems.size()
                        + (load.problems.isEmpty() ? "" : " " + load.problems.subList(0, Math.min(5,
                                load.problems.size()))));
                assertThat(load.problems).as("answers other than 201 while the app ran").isEmpty();
            }
        }
        finally {
            Figures.record("kill -9 of the application under intake load (embedded PostgreSQL)",
                    figures.toArray(String[]::new));
        }
    }

    static void deleteRecursively(Path path) throws Exception {
        if (!Files.exists(path)) {
            return;
        }
        try (var files = Files.walk(path)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
