package org.gridgov.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 (zonky's binaries) on loopback, with its cluster in a kept directory.
 * <p>
 * Before touching the directory it takes an exclusive OS file lock on {@code <dataDirectory>.lock}: a second
 * instance pointed at the same directory stops with {@link EmbeddedDatabaseLockedException} instead of
 * starting a second postmaster on the same files. Holding that lock, a postmaster still named in the directory's
 * {@code postmaster.pid} is an orphan of an instance that was killed ({@code kill -9}): it is stopped first.
 * <p>
 * It keeps real data, so it runs durable (zonky's test defaults {@code fsync=off} and {@code synchronous_commit=off}
 * are overridden), listens on 127.0.0.1 only, has no Unix socket, and accepts only scram-sha-256 logins with a
 * password generated on the first start and kept in {@code <dataDirectory>/gridgov-password} (mode 0600): another OS
 * user of the machine cannot log in as the superuser.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    static final String PASSWORD_FILE = "gridgov-password";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    final EmbeddedPostgres postgres;
    final FileChannel lockChannel;
    final FileLock lock;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, String password) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.password = password;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(directory.getParent());
            channel = FileChannel.open(directory.resolveSibling(directory.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException ex) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                throw new EmbeddedDatabaseLockedException(directory);
            }
            Files.createDirectories(directory);
            stopOrphanedPostmaster(directory);
            Path passwordFile = directory.resolve(PASSWORD_FILE);
            boolean newPassword = !Files.exists(passwordFile);
            String password = newPassword ? generatePassword() : Files.readString(passwordFile).trim();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // real data: zonky's test defaults trade durability for speed
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            try {
                secure(postgres, directory, password, newPassword);
            }
            catch (IOException | SQLException | RuntimeException ex) {
                postgres.close();
                throw new IllegalStateException(
                        "Could not secure the embedded PostgreSQL in " + directory + ": " + ex.getMessage(), ex);
            }
            log.info("Embedded PostgreSQL started at {} with data in {}", jdbcUrl(postgres), directory);
            return new EmbeddedPostgresServer(postgres, channel, lock, password);
        }
        catch (IOException ex) {
            closeQuietly(lock, channel);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, ex);
        }
        catch (RuntimeException ex) {
            closeQuietly(lock, channel);
            throw ex;
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres);
    }

    /** The superuser's password (scram-sha-256), generated on the first start of the data directory. */
    public String password() {
        return password;
    }

    private static String jdbcUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    /**
     * The postmaster named in {@code postmaster.pid} of a directory whose lock we hold was left running by an
     * instance that died without stopping it (kill -9, a crash): stop it (SIGTERM, a smart shutdown — its clients
     * died with that instance) so that this start can use the directory; or say exactly what to do.
     */
    static void stopOrphanedPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        }
        catch (RuntimeException ex) {
            return; // unreadable: PostgreSQL itself treats a stale file as stale
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
            .filter(handle -> handle.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return; // stale pid file; PostgreSQL removes it on start
        }
        log.warn("An orphaned PostgreSQL (pid {}) of an earlier instance still runs on {}; stopping it", pid, directory);
        process.get().destroy();
        try {
            process.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL " + pid, ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("An orphaned PostgreSQL (pid " + pid + ") of an earlier instance still "
                    + "runs on " + directory + " and did not stop within " + ORPHAN_STOP_WAIT.toSeconds()
                    + " s. Stop it with `kill -INT " + pid + "` (or `kill -9 " + pid + "`), then start again.");
        }
        log.info("Orphaned PostgreSQL {} stopped", pid);
    }

    /**
     * Password logins only, on loopback only: sets the generated password (first start, or a directory of a version
     * that ran with trust), keeps it in the data directory readable by this OS user only, and replaces initdb's
     * {@code trust} rules.
     */
    private static void secure(EmbeddedPostgres postgres, Path directory, String password, boolean newPassword)
            throws IOException, SQLException {
        if (newPassword) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl(postgres), "postgres", password);
                    Statement statement = connection.createStatement()) {
                statement.execute("alter role postgres password '" + password + "'");
            }
            Path passwordFile = directory.resolve(PASSWORD_FILE);
            Path written = directory.resolve(PASSWORD_FILE + ".new");
            Files.deleteIfExists(written);
            Files.createFile(written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(written, password);
            Files.move(written, passwordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Path hba = directory.resolve("pg_hba.conf");
        String rules = """
                # Written by GridGov at every start: the superuser's password (scram-sha-256), loopback TCP only.
                # No Unix socket is opened (unix_socket_directories is empty), so no "local" rule is needed.
                host all all 127.0.0.1/32 scram-sha-256
                """;
        if (!Files.exists(hba) || !Files.readString(hba).equals(rules)) {
            Files.writeString(hba, rules);
            try (Connection connection = DriverManager.getConnection(jdbcUrl(postgres), "postgres", password);
                    Statement statement = connection.createStatement()) {
                statement.execute("select pg_reload_conf()");
            }
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        }
        finally {
            closeQuietly(lock, lockChannel);
        }
    }

    private static void closeQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        }
        catch (IOException ignored) {
            // nothing left to protect
        }
    }
}
