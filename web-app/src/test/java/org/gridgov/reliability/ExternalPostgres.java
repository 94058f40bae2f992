package org.gridgov.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL 15 server (package {@code postgresql-15}, as scripts/cluster.sh and
 * scripts/external-postgres-check.sh use it) in a throw-away directory on 127.0.0.1: an external database the suite
 * can stop and start under the application's feet. As root the server runs as the {@code postgres} OS user.
 */
final class ExternalPostgres implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path directory;
    private final int port;

    private ExternalPostgres(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BIN.resolve("pg_ctl"));
    }

    static ExternalPostgres create() throws Exception {
        if (!installed()) {
            throw new IllegalStateException("Debian's PostgreSQL 15 is not installed (" + BIN + "): "
                    + "apt-get install postgresql-15");
        }
        Path directory = Files.createTempDirectory("gridgov-reliability-pg");
        ExternalPostgres postgres = new ExternalPostgres(directory, AppProcess.freePort());
        if (root()) {
            run(List.of("chown", "postgres", directory.toString()));
        }
        postgres.pg("initdb", "-D", postgres.data().toString(), "-U", "postgres", "--auth=trust");
        Files.writeString(postgres.data().resolve("postgresql.conf"), """

                port = %d
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '%s'
                max_connections = 100
                """.formatted(postgres.port, directory), java.nio.file.StandardOpenOption.APPEND);
        postgres.start();
        postgres.pg("psql", "-h", "127.0.0.1", "-p", String.valueOf(postgres.port), "-U", "postgres", "-qc",
                "create database gridgov");
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/gridgov";
    }

    private Path data() {
        return directory.resolve("data");
    }

    void start() throws Exception {
        pg("pg_ctl", "-D", data().toString(), "-l", directory.resolve("postgres.log").toString(), "-w", "start");
    }

    /** {@code pg_ctl stop -m immediate}: every server process quits at once, as on a crash; WAL replay at start. */
    void crash() throws Exception {
        pg("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
    }

    private void pg(String program, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BIN.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws Exception {
        try {
            pg("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "stop");
        }
        catch (IllegalStateException ignored) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                }
                catch (IOException ignored) {
                    // best effort: a temp directory
                }
            });
        }
    }
}
