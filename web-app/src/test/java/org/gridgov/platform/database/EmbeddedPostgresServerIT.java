package org.gridgov.platform.database;

import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerIT {

    @TempDir
    Path dir;

    static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
    }

    static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void a_second_start_reuses_the_data_directory_and_keeps_the_data() throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data, 0);
                Connection connection = connect(first);
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept (v text)");
            statement.execute("insert into kept values ('still here')");
        }

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(data, 0);
                Connection connection = connect(second);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select v from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void a_directory_in_use_by_another_instance_is_refused_with_a_clear_message() throws Exception {
        Path data = dir.resolve("busy");
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(data, 0)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, 0))
                    .isInstanceOf(EmbeddedDatabaseLockedException.class)
                    .hasMessageContaining("is in use by another running instance")
                    .hasMessageContaining(data.toAbsolutePath().toString());

            // the running instance is untouched
            try (Connection connection = connect(running);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    /** Issue 16 #3: acknowledged writes survive a power loss; no other OS user logs in as the superuser. */
    @Test
    void the_embedded_database_is_durable_and_accepts_only_password_logins_on_loopback() throws Exception {
        Path data = dir.resolve("durable");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0);
                Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
            assertThat(setting(statement, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(setting(statement, "unix_socket_directories")).isEmpty();
            try (ResultSet rules = statement.executeQuery(
                    "select distinct auth_method from pg_hba_file_rules where error is null")) {
                assertThat(rules.next()).isTrue();
                assertThat(rules.getString(1)).isEqualTo("scram-sha-256");
                assertThat(rules.next()).isFalse();
            }

            assertThat(server.password()).hasSizeGreaterThanOrEqualTo(24);
            Path passwordFile = data.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
            assertThat(Files.readString(passwordFile)).isEqualTo(server.password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", ""))
                .isInstanceOf(SQLException.class);
        }
    }

    /**
     * Issue 16 #1: after kill -9 of the application its postmaster lives on; the next start on the same data
     * directory stops that orphan and starts cleanly, with the data.
     */
    @Test
    void a_postmaster_orphaned_by_a_killed_instance_is_stopped_and_the_next_start_succeeds() throws Exception {
        Path data = dir.resolve("orphan");
        EmbeddedPostgresServer killed = EmbeddedPostgresServer.start(data, 0);
        try (Connection connection = connect(killed); Statement statement = connection.createStatement()) {
            statement.execute("create table acknowledged (v text)");
            statement.execute("insert into acknowledged values ('before the kill')");
        }
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        dieWithoutStoppingPostgres(killed);
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(data, 0);
                Connection connection = connect(restarted);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select v from acknowledged")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("before the kill");
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    /** What kill -9 of the JVM does: the OS releases its file locks; the postmaster keeps running. */
    private static void dieWithoutStoppingPostgres(EmbeddedPostgresServer server) throws Exception {
        server.lock.release();
        server.lockChannel.close();
        Field lock = EmbeddedPostgres.class.getDeclaredField("lock");
        lock.setAccessible(true);
        ((FileLock) lock.get(server.postgres)).release();
        Field lockStream = EmbeddedPostgres.class.getDeclaredField("lockStream");
        lockStream.setAccessible(true);
        ((FileOutputStream) lockStream.get(server.postgres)).close();
    }
}
