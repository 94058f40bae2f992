package org.gridgov.platform.web;

import org.junit.jupiter.api.Test;

import org.gridgov.PlatformTest;
import org.gridgov.PlatformTestConfiguration;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 #6: behind a configured trusted proxy (here the test itself, on the loopback address) the proxy's
 * {@code X-Forwarded-Proto: https} makes the session cookie {@code Secure}, and the client address is the one the
 * proxy appended, not what the client wrote to the left of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gridgov.security.bootstrap-admin.username=" + PlatformTest.ADMIN,
        "gridgov.security.bootstrap-admin.password=" + PlatformTest.ADMIN_PASSWORD,
        "gridgov.demo-data.enabled=false", "gridgov.blobs.directory=target/test-blobs",
        "gridgov.security.trusted-proxies=127.0.0.1, ::1", "gridgov.http.public-rate-limit-per-minute=3" })
@Import(PlatformTestConfiguration.class)
class ForwardedHeadersFromTrustedProxyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_trusted_proxys_https_gives_a_secure_session_cookie() {
        var overTls = HttpTestClient.at(port).header("X-Forwarded-Proto", "https").get("/login");
        var plain = HttpTestClient.at(port).get("/login");

        assertThat(overTls.raw().headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("SESSION="))
            .isNotEmpty().allMatch(c -> c.contains("; Secure"));
        assertThat(plain.raw().headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("SESSION="))
            .isNotEmpty().noneMatch(c -> c.contains("; Secure"));
    }

    @Test
    void the_client_address_is_the_one_the_trusted_proxy_appended() {
        String real = "203.0.113." + (Unique.next() % 200 + 1);
        var login = HttpTestClient.at(port).header("X-Forwarded-For", "10.9.9.9, " + real)
            .post("/api/v1/auth/token", "{\"username\":\"nobody-" + Unique.next() + "\",\"password\":\"wrong-pass\"}");
        assertThat(login.status()).isEqualTo(401);

        assertThat(jdbc.queryForList("select ip from audit_event where ip = ?", String.class, real)).isNotEmpty();
        assertThat(jdbc.queryForList("select ip from audit_event where ip = '10.9.9.9'", String.class)).isEmpty();
    }

    @Test
    void clients_behind_the_trusted_proxy_have_their_own_rate_limit_buckets_which_a_forged_prefix_does_not_escape() {
        String client = "198.51.100." + (Unique.next() % 200 + 1);
        int limited = 0;
        for (int i = 0; i < 5; i++) {
            var card = HttpTestClient.at(port).header("X-Forwarded-For", "192.0.2." + i + ", " + client)
                .get("/api/v1/public/grid-cards/NO-SUCH-GRID");
            limited += card.status() == 429 ? 1 : 0;
        }
        var another = HttpTestClient.at(port).header("X-Forwarded-For", "198.51.100.250")
            .get("/api/v1/public/grid-cards/NO-SUCH-GRID");

        assertThat(limited).isEqualTo(2);
        assertThat(another.status()).isEqualTo(404);
    }
}
