package org.gridgov.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL of a test JVM, started on first use and reused by every Spring context of that JVM.
 * <p>
 * Mode comes from the system property (or environment variable {@code GRIDGOV_TEST_DATABASE})
 * {@code gridgov.test.database}: {@code docker} (Testcontainers {@code postgres:17-alpine}), {@code embedded}
 * (zonky embedded PostgreSQL 17) or {@code auto} (the default: Docker when an engine answers, else embedded).
 * Never H2: both modes are a real PostgreSQL server.
 */
public final class TestDatabase {

    public static final String MODE_PROPERTY = "gridgov.test.database";

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static volatile Connection instance;

    private TestDatabase() {
    }

    /** JDBC coordinates of the running test database. */
    public record Connection(String jdbcUrl, String username, String password, String mode) {
    }

    public static Connection get() {
        Connection current = instance;
        if (current == null) {
            synchronized (TestDatabase.class) {
                current = instance;
                if (current == null) {
                    current = start(mode());
                    instance = current;
                }
            }
        }
        return current;
    }

    static String mode() {
        String mode = System.getProperty(MODE_PROPERTY);
        if (mode == null || mode.isBlank()) {
            mode = System.getenv("GRIDGOV_TEST_DATABASE");
        }
        return mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
    }

    private static Connection start(String mode) {
        return switch (mode) {
            case "docker" -> startContainer();
            case "embedded" -> startEmbedded();
            case "auto" -> dockerAvailable() ? startContainer() : startEmbedded();
            default -> throw new IllegalStateException(
                    MODE_PROPERTY + " must be one of auto, docker, embedded but was '" + mode + "'");
        };
    }

    private static boolean dockerAvailable() {
        // skip Testcontainers' probe (and its ERROR log) where no engine can possibly answer
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Ryuk / the shutdown hook when the JVM ends
    private static Connection startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off", "-c", "max_connections=200");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
        log.info("Test database: Testcontainers {} at {}", container.getDockerImageName(), container.getJdbcUrl());
        return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "docker");
    }

    private static Connection startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                }
                catch (IOException ignored) {
                    // the JVM is ending; zonky removes its temporary directory itself
                }
            }, "test-postgres-stop"));
            String url = postgres.getJdbcUrl("postgres", "postgres");
            log.info("Test database: embedded PostgreSQL at {}", url);
            return new Connection(url, "postgres", "postgres", "embedded");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded test PostgreSQL", ex);
        }
    }
}
