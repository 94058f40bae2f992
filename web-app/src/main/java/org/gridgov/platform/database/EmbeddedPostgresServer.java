package org.gridgov.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 (zonky's binaries) on loopback, with its cluster in a kept directory.
 * <p>
 * Before touching the directory it takes an exclusive OS file lock on {@code <dataDirectory>.lock}: a second
 * instance pointed at the same directory stops with {@link EmbeddedDatabaseLockedException} instead of
 * starting a second postmaster on the same files.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
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
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL started at {} with data in {}", postgres.getJdbcUrl("postgres", "postgres"),
                    directory);
            return new EmbeddedPostgresServer(postgres, channel, lock);
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
        return postgres.getJdbcUrl("postgres", "postgres");
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
