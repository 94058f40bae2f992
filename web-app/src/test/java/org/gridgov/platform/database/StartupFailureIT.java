package org.gridgov.platform.database;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.gridgov.GridGovApplication;
import org.gridgov.testsupport.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up failures a newcomer meets are told in one clear line. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureIT {

    @Test
    void unreachable_database_fails_fast_naming_the_url(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/gridgov";

        assertThatThrownBy(() -> start("--spring.datasource.url=" + url, "--spring.datasource.username=x",
                "--spring.datasource.password=x", "--server.port=0")).isNotNull();

        assertThat(output).contains("Could not connect to PostgreSQL at " + url);
    }

    @Test
    void port_in_use_is_told_plainly(CapturedOutput output) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // command-line arguments: they outrank application.yml, as a user's would
            assertThatThrownBy(() -> start("--server.port=" + busy.getLocalPort(), "--server.address=127.0.0.1",
                    "--gridgov.security.bootstrap-admin.password=" + org.gridgov.PlatformTest.ADMIN_PASSWORD,
                    "--spring.datasource.url=" + TestDatabase.get().jdbcUrl(),
                    "--spring.datasource.username=" + TestDatabase.get().username(),
                    "--spring.datasource.password=" + TestDatabase.get().password())).isNotNull();

            assertThat(output).contains("Port " + busy.getLocalPort() + " was already in use");
        }
    }

    /** Starts the application; should it start after all, it is closed again and the test fails. */
    private static void start(String... args) {
        new SpringApplicationBuilder(GridGovApplication.class).run(args).close();
    }
}
