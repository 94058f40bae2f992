package org.gridgov.platform.web;

import java.util.List;

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
 * Issue 16 #6: with no trusted proxies configured (the default) a client's {@code X-Forwarded-*} headers change
 * nothing: not its rate-limit bucket, not the address the audit log records, not a redirect, not the cookie.
 * Its own context: a low public rate limit that it exhausts for the loopback address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gridgov.security.bootstrap-admin.username=" + PlatformTest.ADMIN,
        "gridgov.security.bootstrap-admin.password=" + PlatformTest.ADMIN_PASSWORD,
        "gridgov.demo-data.enabled=false", "gridgov.blobs.directory=target/test-blobs",
        "gridgov.http.public-rate-limit-per-minute=5" })
@Import(PlatformTestConfiguration.class)
class ForwardedHeadersFromUntrustedPeersIT {

    static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rotating_x_forwarded_for_does_not_escape_the_public_rate_limit() {
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            var card = HttpTestClient.at(port).header("X-Forwarded-For", "198.51.100." + (i + 1))
                .header("Forwarded", "for=198.51.101." + (i + 1))
                .get("/api/v1/public/grid-cards/NO-SUCH-GRID-" + i);
            if (card.status() == 429) {
                limited++;
            }
        }
        assertThat(limited).as("8 requests from one socket address against a limit of 5").isEqualTo(3);
    }

    @Test
    void the_audit_log_records_the_socket_address_not_a_forged_one() {
        String forged = "203.0.113." + (Unique.next() % 200 + 1);
        var login = HttpTestClient.at(port).header("X-Forwarded-For", forged).post("/api/v1/auth/token",
                "{\"username\":\"nobody-" + Unique.next() + "\",\"password\":\"wrong-password\"}");
        assertThat(login.status()).isEqualTo(401);

        assertThat(jdbc.queryForList("select ip from audit_event where ip = ?", String.class, forged)).isEmpty();
        assertThat(jdbc.queryForObject("select ip from audit_event where action = 'LOGIN_FAILED' order by id desc "
                + "limit 1", String.class)).isIn(LOOPBACK);
    }

    @Test
    void forwarded_host_and_proto_from_a_client_neither_poison_redirects_nor_mark_the_connection_secure() {
        var home = HttpTestClient.at(port).header("Accept", "text/html").header("X-Forwarded-Host", "evil.example")
            .header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443").get("/");

        assertThat(home.status()).isEqualTo(302);
        assertThat(home.header("Location")).doesNotContain("evil.example").doesNotStartWith("https:");
        var loginPage = HttpTestClient.at(port).header("X-Forwarded-Proto", "https").get("/login");
        assertThat(loginPage.raw().headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("SESSION="))
            .isNotEmpty().noneMatch(c -> c.toLowerCase().contains("secure"));
    }
}
