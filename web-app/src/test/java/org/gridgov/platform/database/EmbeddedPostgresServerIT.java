package org.gridgov.platform.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerIT {

    @TempDir
    Path dir;

    @Test
    void a_second_start_reuses_the_data_directory_and_keeps_the_data() throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data, 0);
                Connection connection = DriverManager.getConnection(first.jdbcUrl(), "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept (v text)");
            statement.execute("insert into kept values ('still here')");
        }

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(data, 0);
                Connection connection = DriverManager.getConnection(second.jdbcUrl(), "postgres", "postgres");
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
            try (Connection connection = DriverManager.getConnection(running.jdbcUrl(), "postgres", "postgres");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }
}
