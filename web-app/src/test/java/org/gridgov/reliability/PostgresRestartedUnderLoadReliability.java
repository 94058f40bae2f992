package org.gridgov.reliability;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, reliability suite (b): the application on an external PostgreSQL (Debian's PostgreSQL 15, as
 * scripts/cluster.sh runs it) which crashes ({@code pg_ctl stop -m immediate}) and comes back while residents
 * report incidents. While it is down writes answer 503 problem+json with Retry-After (never 500), readiness answers
 * DOWN quickly and liveness stays UP; once it is back the application serves writes again by itself, in the same
 * process. No acknowledged report is lost, no Idempotency-Key creates two incidents.
 */
class PostgresRestartedUnderLoadReliability {

    static final int THREADS = 8;
    static final Duration LOAD_BEFORE = Duration.ofSeconds(10);
    static final Duration DOWN_FOR = Duration.ofSeconds(20);
    static final Duration LOAD_AFTER = Duration.ofSeconds(20);

    @Test
    void the_application_recovers_by_itself_when_postgresql_comes_back_and_loses_no_acknowledged_report()
            throws Exception {
        String run = "pg" + Long.toString(System.currentTimeMillis(), 36);
        List<String> figures = new ArrayList<>();
        try (ExternalPostgres postgres = ExternalPostgres.create();
                AppProcess app = new AppProcess("pgrestart", Map.of(
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort(postgres) + "/gridgov",
                        "SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", "postgres",
                        "GRIDGOV_DEMO_DATA_ENABLED", "true",
                        // an external database refuses the published development keys (issue 16 #5)
                        "GRIDGOV_RESIDENTS_CRYPTO_KEYS_R1", randomKey(),
                        "GRIDGOV_RESIDENTS_CRYPTO_ACTIVEKEYID", "r1",
                        "GRIDGOV_RESIDENTS_CRYPTO_INDEXKEY", randomKey()))) {
            Duration started = app.start(Duration.ofMinutes(5));
            figures.add("start on Debian's PostgreSQL 15 (migrations, demo data): " + started.toSeconds() + " s");
            String token = IntakeLoad.token(app.baseUrl(), "demo.resident", "gridgov-demo");
            IntakeLoad load = new IntakeLoad(app.baseUrl(), token, run);
            load.start(THREADS);
            Thread.sleep(LOAD_BEFORE.toMillis());
            int acknowledgedBeforeCrash = load.acknowledged.size();

            postgres.crash();
            long down = System.nanoTime();
            List<Integer> readinessWhileDown = new ArrayList<>();
            long slowestReadiness = 0;
            int livenessWhileDown = 0;
            while (System.nanoTime() - down < DOWN_FOR.toNanos()) {
                long asked = System.nanoTime();
                readinessWhileDown.add(app.readiness());
                slowestReadiness = Math.max(slowestReadiness, System.nanoTime() - asked);
                livenessWhileDown = app.status("/actuator/health/liveness");
                Thread.sleep(500);
            }
            long writes503 = load.timeline.stream().filter(t -> t[0] > down && t[1] == 503).count();

            postgres.start();
            long back = System.nanoTime();
            long readyAgain = 0;
            while (System.nanoTime() - back < Duration.ofSeconds(60).toNanos()) {
                if (app.readiness() == 200) {
                    readyAgain = System.nanoTime() - back;
                    break;
                }
                Thread.sleep(100);
            }
            Thread.sleep(LOAD_AFTER.toMillis());
            load.stop();
            long firstWriteBack = load.timeline.stream().filter(t -> t[0] > back && t[1] == 201)
                .mapToLong(t -> t[0] - back).min().orElse(-1);
            long writes201After = load.timeline.stream().filter(t -> t[0] > back && t[1] == 201).count();

            assertThat(app.alive()).as("the same application process served before and after").isTrue();
            assertThat(readinessWhileDown).as("readiness while PostgreSQL is down").isNotEmpty()
                .allMatch(status -> status == 503);
            assertThat(Duration.ofNanos(slowestReadiness)).isLessThan(Duration.ofSeconds(4));
            assertThat(livenessWhileDown).as("liveness while PostgreSQL is down").isEqualTo(200);
            assertThat(writes503).as("writes answered 503 while PostgreSQL was down").isPositive();
            assertThat(load.problems).as("answers other than 201, or 503 problem+json with Retry-After").isEmpty();
            assertThat(readyAgain).as("readiness UP again after PostgreSQL came back").isPositive();
            assertThat(writes201After).as("reports acknowledged after PostgreSQL came back").isPositive();

            // retries of what was refused or unanswered, as Retry-After says: each key one incident at most
            List<String> toRetry = new ArrayList<>(load.unanswered);
            load.refused.stream().filter(key -> !load.acknowledged.containsKey(key)).forEach(toRetry::add);
            int retried = toRetry.size();
            long[] waited = new long[1];
            assertThat(load.retryUntilAcknowledged(toRetry, AppKilledUnderLoadReliability.RETRY_WITHIN, waited))
                .isEmpty();
            Map<String, Integer> perKey = Figures.incidentsPerKey(postgres.jdbcUrl(), "postgres", "postgres", run);
            assertThat(Figures.missing(load.acknowledged.keySet(), perKey)).as("acknowledged reports lost").isEmpty();
            assertThat(Figures.twice(perKey)).as("an Idempotency-Key that created two incidents").isEmpty();

            figures.add(THREADS + " resident threads; PostgreSQL crashed (pg_ctl stop -m immediate) after "
                    + LOAD_BEFORE.toSeconds() + " s of load, with " + acknowledgedBeforeCrash + " reports "
                    + "acknowledged; down for " + DOWN_FOR.toSeconds() + " s");
            figures.add("while down: " + writes503 + " writes answered 503 problem+json with Retry-After, 0 × 500; "
                    + "readiness " + readinessWhileDown.size() + "× DOWN (503), slowest answer "
                    + Duration.ofNanos(slowestReadiness).toMillis() + " ms; liveness UP");
            figures.add("PostgreSQL back: readiness UP after " + Duration.ofNanos(readyAgain).toMillis()
                    + " ms, first report acknowledged after " + Duration.ofNanos(firstWriteBack).toMillis()
                    + " ms, " + writes201After + " reports acknowledged in the " + LOAD_AFTER.toSeconds()
                    + " s after — same process, no restart");
            figures.add("in all: " + load.sent() + " reports sent, statuses " + load.statusCounts()
                    + " (0 = no answer); " + load.acknowledged.size() + " acknowledged (incl. " + retried
                    + " refused/unanswered retried with their key, the last acknowledged "
                    + Duration.ofNanos(waited[0]).toSeconds() + " s after the retries began; "
                    + load.inProgress.size() + " keys answered 409 idempotency.in-progress meanwhile), all "
                    + load.acknowledged.size()
                    + " in the database; " + perKey.size() + " incidents for " + perKey.size() + " keys, 0 twice");
        }
        finally {
            Figures.record("PostgreSQL crashed and restarted under intake load (external PostgreSQL 15)",
                    figures.toArray(String[]::new));
        }
    }

    private static int postgresPort(ExternalPostgres postgres) {
        String url = postgres.jdbcUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
