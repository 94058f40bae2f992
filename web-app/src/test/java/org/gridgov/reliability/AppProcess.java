package org.gridgov.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built application jar ({@code web-app/target/web-app-*.jar}) in a process of its own, as an operator runs it:
 * so that {@link #kill()} is a real {@code kill -9} (the JVM gets no shutdown hook, its embedded PostgreSQL is left
 * behind as an orphan) and a restart is a real new start.
 */
final class AppProcess implements AutoCloseable {

    static final Path WORK = Path.of("target", "reliability");
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "reliability-admin-2026";

    private final String name;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final int port;
    private Process process;
    private int starts;

    AppProcess(String name, Map<String, String> environment) {
        this.name = name;
        this.environment.put("GRIDGOV_ADMIN_PASSWORD", ADMIN_PASSWORD);
        this.environment.put("GRIDGOV_HTTP_PUBLIC_RATE_LIMIT_PER_MINUTE", "1000000");
        this.environment.put("GRIDGOV_BLOBS_DIRECTORY", WORK.resolve(name + "-blobs").toAbsolutePath().toString());
        this.environment.putAll(environment);
        this.port = freePort();
    }

    static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("web-app-.*\\.jar"))
                .filter(f -> !f.getFileName().toString().endsWith("-plain.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no web-app/target/web-app-*.jar: the reliability suite "
                        + "runs after `package` (./mvnw -Preliability verify)"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return WORK.resolve(name + "-" + starts + ".log");
    }

    /** Starts the jar and waits until readiness answers UP; returns how long that took. */
    Duration start(Duration within) throws Exception {
        Files.createDirectories(WORK);
        starts++;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toAbsolutePath().toString(),
                "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log().toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("GRIDGOV_"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        process = builder.start();
        long deadline = started + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + " at start; "
                        + "its log " + log() + " ends with:\n" + tail(60));
            }
            if (readiness() == 200) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the application was not ready within " + within + "; its log ends with:\n"
                + tail(60));
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or closed by the application. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The status of GET /actuator/health/readiness, or 0 when nothing answers. */
    int readiness() {
        return status("/actuator/health/readiness");
    }

    int status(String path) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            return 0;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | RuntimeException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    String fullLog() throws IOException {
        return Files.readString(log());
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: a graceful stop, the embedded PostgreSQL stopped with it
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
