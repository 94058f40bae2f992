package org.gridgov.platform.database;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code db} component of readiness, answering within {@code gridgov.health.database-timeout} (default 2 s) even
 * when PostgreSQL does not answer at all (issue 16 #2): Boot's own check waits for the pool's connection timeout
 * (10 s) on every probe. The check runs on its own thread; a probe arriving while one is still waiting for the
 * database waits on that same check, so a dead database ties up one thread, not one per probe. Replaces Boot's
 * {@code dbHealthIndicator} by name.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseReadinessConfiguration {

    @Bean
    HealthIndicator dbHealthIndicator(DataSource dataSource,
            @Value("${gridgov.health.database-timeout:2s}") Duration timeout) {
        return new TimeLimitedDatabaseCheck(dataSource, timeout);
    }

    static final class TimeLimitedDatabaseCheck implements HealthIndicator {

        private final DataSource dataSource;
        private final Duration timeout;
        private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "db-readiness");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicReference<CompletableFuture<Health>> current = new AtomicReference<>();

        TimeLimitedDatabaseCheck(DataSource dataSource, Duration timeout) {
            this.dataSource = dataSource;
            this.timeout = timeout;
        }

        @Override
        public Health health() {
            CompletableFuture<Health> check = current.updateAndGet(running -> running == null || running.isDone()
                    ? CompletableFuture.supplyAsync(this::probe, executor) : running);
            try {
                return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException ex) {
                return Health.down().withDetail("error", "no answer from the database within " + timeout).build();
            }
            catch (ExecutionException ex) {
                return Health.down(ex.getCause() instanceof Exception cause ? cause : ex).build();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Health.down(ex).build();
            }
        }

        private Health probe() {
            try (Connection connection = dataSource.getConnection()) {
                int seconds = (int) Math.max(1, timeout.toSeconds());
                return connection.isValid(seconds)
                        ? Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName())
                            .withDetail("validationQuery", "isValid()").build()
                        : Health.down().withDetail("error", "the connection did not answer").build();
            }
            catch (Exception ex) {
                return Health.down(ex).build();
            }
        }
    }
}
