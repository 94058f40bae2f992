package org.gridgov.platform.startup;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.gridgov.PlatformTest;
import org.gridgov.shared.startup.StartupTask;
import org.gridgov.shared.startup.StartupWork;
import org.gridgov.testsupport.HttpTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18: with {@code gridgov.startup.background=true} (the application's default) the start-up work runs after
 * the context is up; until it is done readiness answers 503 with {@code startupWork} OUT_OF_SERVICE (its details name the task, for those shown details),
 * liveness answers 200; then readiness is UP. A gate task holds the work so the test sees the window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gridgov.startup.background=true", "gridgov.startup.warm-up.enabled=true",
        "gridgov.startup.warm-up.requests=20", "gridgov.demo-data.enabled=false",
        "gridgov.security.bootstrap-admin.password=" + PlatformTest.ADMIN_PASSWORD,
        "gridgov.blobs.directory=target/test-blobs" })
class StartupReadinessIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class GateConfiguration {

        @Bean
        Gate startupGate() {
            return new Gate();
        }
    }

    @Order(500) // after the first administrator and the grid index's turn, before the warm-up
    static class Gate implements StartupTask {

        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String startupTaskName() {
            return "test gate";
        }

        @Override
        public void runAtStartup() {
            try {
                release.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Gate gate;

    @Autowired
    StartupWork work;

    @Test
    void readiness_stays_out_of_service_until_the_start_up_work_is_done_while_liveness_is_up() {
        HttpTestClient anonymous = HttpTestClient.at(port);
        await().atMost(Duration.ofSeconds(30)).until(() -> "test gate".equals(work.current()));

        var readiness = anonymous.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().path("components").path("startupWork").path("status").asString())
            .isEqualTo("OUT_OF_SERVICE");
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);

        gate.release.countDown();

        await().atMost(Duration.ofSeconds(60))
            .until(() -> anonymous.get("/actuator/health/readiness").status() == 200);
        assertThat(work.done()).isTrue();
        assertThat(anonymous.get("/actuator/health/readiness").json().path("components").path("startupWork")
            .path("status").asString()).isEqualTo("UP");
    }
}
