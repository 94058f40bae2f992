package org.gridgov.platform.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.PlatformTestConfiguration;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestDatabase;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16 #2: while PostgreSQL cannot be reached, writes answer 503 problem+json with Retry-After (not 500) and
 * readiness answers DOWN within its short timeout (not after the pool's 10 s); when the database is back the pool
 * recovers without a restart. The application reaches the test database through a TCP relay this test cuts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gridgov.security.bootstrap-admin.username=" + PlatformTest.ADMIN,
        "gridgov.security.bootstrap-admin.password=" + PlatformTest.ADMIN_PASSWORD,
        "gridgov.demo-data.enabled=false", "gridgov.blobs.directory=target/test-blobs",
        "spring.datasource.hikari.connection-timeout=3000" })
@Import(PlatformTestConfiguration.class)
class DatabaseOutageIT {

    static final Relay RELAY = new Relay();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void throughTheRelay(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.get();
        URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        RELAY.start(target.getHost(), target.getPort());
        registry.add("spring.datasource.url", () -> db.jdbcUrl().replaceFirst(":" + target.getPort() + "/",
                ":" + RELAY.port() + "/"));
    }

    @AfterAll
    static void stopRelay() {
        RELAY.cut();
    }

    @Test
    void writes_answer_503_with_retry_after_while_the_database_is_down_and_work_again_when_it_is_back() {
        HttpTestClient admin = ApiLogin.admin(port);
        HttpTestClient anonymous = HttpTestClient.at(port);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);

        RELAY.cut();
        try {
            var write = admin.post("/api/v1/grids", cityJson());
            assertThat(write.status()).as(write.toString()).isEqualTo(503);
            assertThat(write.contentType()).startsWith("application/problem+json");
            assertThat(write.header("Retry-After")).isEqualTo("5");
            assertThat(write.json().path("code").asString()).isEqualTo("server.database-unavailable");

            long started = System.nanoTime();
            var readiness = anonymous.get("/actuator/health/readiness");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(took).isLessThan(Duration.ofSeconds(4));
            assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        }
        finally {
            RELAY.restore();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200));
        var again = admin.post("/api/v1/grids", cityJson());
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
    }

    private static String cityJson() {
        return "{\"code\":\"" + Unique.cityCode() + "\",\"name\":\"停电测试市\",\"type\":\"CITY\"}";
    }

    /** A TCP relay to PostgreSQL that can be cut (connections dropped, new ones refused) and restored. */
    static final class Relay {

        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;
        private volatile int port;
        private String host;
        private int targetPort;

        synchronized void start(String host, int targetPort) {
            if (server != null) {
                return;
            }
            this.host = host;
            this.targetPort = targetPort;
            listen(0);
        }

        int port() {
            return port;
        }

        synchronized void cut() {
            try {
                if (server != null) {
                    server.close();
                }
            }
            catch (IOException ignored) {
                // closing
            }
            sockets.forEach(socket -> {
                try {
                    socket.close();
                }
                catch (IOException ignored) {
                    // closing
                }
            });
            sockets.clear();
        }

        synchronized void restore() {
            listen(port);
        }

        private void listen(int onPort) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
                server = socket;
                port = socket.getLocalPort();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            ServerSocket listening = server;
            Thread acceptor = new Thread(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket client = listening.accept();
                        Socket upstream = new Socket(host, targetPort);
                        sockets.add(client);
                        sockets.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    }
                    catch (IOException ex) {
                        // closed by cut(), or the database refused: the client sees its socket close
                    }
                }
            }, "relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                }
                catch (IOException ignored) {
                    // one side closed
                }
                finally {
                    try {
                        from.close();
                        to.close();
                    }
                    catch (IOException ignored) {
                        // closing
                    }
                }
            }, "relay-pump");
            thread.setDaemon(true);
            thread.start();
        }
    }
}
