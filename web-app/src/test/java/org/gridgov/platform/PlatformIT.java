package org.gridgov.platform;

import org.junit.jupiter.api.Test;

import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformTest
class PlatformIT {

    @LocalServerPort
    int port;

    HttpTestClient anonymous() {
        return HttpTestClient.at(port);
    }

    HttpTestClient admin() {
        return ApiLogin.admin(port);
    }

    @Test
    void health_is_up_with_the_database_component() {
        var health = anonymous().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void readiness_includes_the_database_and_liveness_answers() {
        var readiness = anonymous().get("/actuator/health/readiness");
        var liveness = anonymous().get("/actuator/health/liveness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("components").has("db")).isTrue();
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheus_metrics_are_exposed_to_an_authenticated_scraper() {
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);

        var metrics = anonymous().basicAuth(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void each_route_has_a_latency_histogram_and_the_security_filters_are_not_timed_one_by_one() {
        assertThat(admin().get("/api/v1/me").status()).isEqualTo(200);

        // the request's timer stops after its answer has reached the client: scraped until it is recorded
        String metrics = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
            .until(() -> anonymous().basicAuth(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD)
                .get("/actuator/prometheus").body(), body -> body.contains("uri=\"/api/v1/me\""));

        assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/me\"[^}]*le=\"0\\.025\"")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/me\"[^}]*le=\"\\+Inf\"");
        assertThat(metrics).doesNotContain("spring_security_filterchains").doesNotContain("spring_security_authorizations");
    }

    @Test
    void api_requires_authentication_and_answers_a_problem() {
        var response = anonymous().get("/api/v1/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("auth.unauthenticated");
    }

    @Test
    void the_api_takes_bearer_tokens_not_passwords() {
        var response = anonymous().basicAuth(PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD).get("/api/v1/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void bootstrap_admin_from_configuration_is_a_system_admin() {
        var me = admin().get("/api/v1/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(PlatformTest.ADMIN);
        assertThat(me.json().path("role").asString()).isEqualTo("SYSTEM_ADMIN");
        assertThat(me.json().path("scope").asString()).isEqualTo("ALL");
    }

    @Test
    void unknown_route_is_a_404_problem() {
        var response = admin().get("/api/v1/no-such-thing");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("resource.not-found");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void wrong_method_is_a_405_problem() {
        var response = admin().delete("/api/v1/me");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.json().path("code").asString()).isEqualTo("request.method-not-allowed");
    }

    @Test
    void oversized_body_is_a_413_problem() {
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        var response = admin().send("POST", "/api/v1/me", "application/json", body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("code").asString()).isEqualTo("request.too-large");
    }

    @Test
    void console_pages_need_a_login() {
        var response = anonymous().header("Accept", "text/html").get("/");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).endsWith("/login");
    }

    @Test
    void login_page_is_chinese_by_default_and_english_on_request() {
        assertThat(anonymous().get("/login").body()).contains("登录");
        assertThat(anonymous().get("/login?lang=en").body()).contains("Sign in");
    }
}
