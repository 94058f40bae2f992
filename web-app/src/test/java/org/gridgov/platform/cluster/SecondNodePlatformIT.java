package org.gridgov.platform.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridgov.ApiLogin;
import org.gridgov.GridGovApplication;
import org.gridgov.PlatformTest;
import org.gridgov.shared.cluster.ClusterEvents;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridgov.testsupport.GridTreeFixture.square;

/**
 * Two application nodes on one PostgreSQL: the platform test's context is node A, and a second, independent
 * application context of the same jar on the same database is node B. Nothing a request needs may live in one
 * node's memory: a console login (its session and CSRF token) made on A works on B, and a grid redrawn on A moves
 * B's locate within the documented delay — B does not poll in this test (its poll interval is an hour), so what it
 * learns comes through the cluster events (PostgreSQL NOTIFY). Likewise a report made on A reaches a grid worker's
 * live notification stream held on B, and the stream resumed on A with {@code Last-Event-ID} gets what was written
 * while it was away.
 */
@PlatformTest
class SecondNodePlatformIT {

    /** docs/SCALING.md: a change committed on one node reaches the others' locate within this delay. */
    static final java.time.Duration DOCUMENTED_DELAY = ofSeconds(2);
    /** docs/SCALING.md: a notification written on one node is pushed on a stream held on another within this delay. */
    static final java.time.Duration DOCUMENTED_STREAM_DELAY = ofSeconds(1);

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static ConfigurableApplicationContext nodeB;

    @LocalServerPort
    int portA;

    @BeforeAll
    static void startSecondNode() {
        TestDatabase.Connection db = TestDatabase.get();
        // command-line arguments: they win over application.yml (builder "properties" are only defaults)
        nodeB = new SpringApplicationBuilder(GridGovApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                "--gridgov.security.bootstrap-admin.username=" + PlatformTest.ADMIN,
                "--gridgov.security.bootstrap-admin.password=" + PlatformTest.ADMIN_PASSWORD,
                "--gridgov.demo-data.enabled=false", "--gridgov.blobs.directory=target/test-blobs",
                "--gridgov.grid.index-refresh-interval=PT1H", "--spring.jmx.enabled=false");
    }

    @AfterAll
    static void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    int portB() {
        return Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void a_console_login_made_on_one_node_is_valid_on_the_other_with_its_csrf_token() {
        // log in on A, as a browser does: the login page's CSRF token, then the form
        var loginPage = HttpTestClient.at(portA).get("/login");
        String anonymousCookie = sessionCookie(loginPage);
        var login = HttpTestClient.at(portA).header("Cookie", anonymousCookie).send("POST", "/login",
                "application/x-www-form-urlencoded", form("username", PlatformTest.ADMIN, "password",
                        PlatformTest.ADMIN_PASSWORD, "_csrf", match(CSRF_INPUT, loginPage.body())));
        assertThat(login.status()).as(login.toString()).isEqualTo(302);
        assertThat(login.header("Location")).doesNotContain("error");
        String session = sessionCookie(login);

        // B knows the session: the console home page, not a redirect to the login
        var homeOnB = HttpTestClient.at(portB()).header("Cookie", session).get("/");
        assertThat(homeOnB.status()).as(homeOnB.toString()).isEqualTo(200);
        assertThat(homeOnB.body()).contains("logout-button");

        // the CSRF token A put in the session is accepted by B: log out on B with A's token
        String tokenFromA = match(CSRF_META, HttpTestClient.at(portA).header("Cookie", session).get("/").body());
        var logoutOnB = HttpTestClient.at(portB()).header("Cookie", session).header("Accept", "text/html").send("POST", "/logout",
                "application/x-www-form-urlencoded", form("_csrf", tokenFromA));
        assertThat(logoutOnB.status()).as(logoutOnB.toString()).isEqualTo(302);
        assertThat(logoutOnB.header("Location")).endsWith("/login?logout");

        // and the logout made on B ends the session on A too
        var homeOnA = HttpTestClient.at(portA).header("Cookie", session).header("Accept", "text/html").get("/");
        assertThat(homeOnA.status()).isEqualTo(302);
        assertThat(homeOnA.header("Location")).endsWith("/login");
    }

    @Test
    void a_login_with_a_wrong_csrf_token_is_refused_on_the_other_node() {
        var loginPage = HttpTestClient.at(portA).get("/login");
        var login = HttpTestClient.at(portB()).header("Cookie", sessionCookie(loginPage)).send("POST", "/login",
                "application/x-www-form-urlencoded", form("username", PlatformTest.ADMIN, "password",
                        PlatformTest.ADMIN_PASSWORD, "_csrf", "not-the-token"));
        assertThat(login.status()).isEqualTo(403);
    }

    @Test
    void a_grid_redrawn_on_one_node_moves_locate_on_the_other_within_the_documented_delay() {
        HttpTestClient adminA = ApiLogin.admin(portA);
        // the access token of A is valid on B: the signing key is in the database
        HttpTestClient adminB = HttpTestClient.at(portB()).bearer(ApiLogin.token(portA, PlatformTest.ADMIN,
                PlatformTest.ADMIN_PASSWORD));
        var tree = new GridTreeFixture(adminA).tree();
        String locate = "/api/v1/locate?lng=" + tree.lng() + "&lat=" + tree.lat();
        await().atMost(DOCUMENTED_DELAY).pollInterval(ofMillis(50)).untilAsserted(() ->
                assertThat(adminB.get(locate).json().path("grid").path("code").asString())
                    .isEqualTo(tree.micro().code()));

        // redraw the micro grid on A so that the point falls outside it: it now belongs to the general grid
        String path = "/api/v1/grids/" + tree.micro().id();
        var redrawn = adminA.header("If-Match", adminA.get(path).header("ETag")).put(path + "/boundary",
                "{\"boundary\":" + square(tree.lng() - 0.0025, tree.lat() - 0.0025, 0.002) + "}");
        assertThat(redrawn.status()).as(redrawn.toString()).isEqualTo(200);

        await().atMost(DOCUMENTED_DELAY).pollInterval(ofMillis(50)).untilAsserted(() ->
                assertThat(adminB.get(locate).json().path("grid").path("code").asString())
                    .isEqualTo(tree.general().code()));
    }

    @Test
    void a_report_made_on_one_node_reaches_the_stream_held_on_the_other_and_a_resume_elsewhere_gets_what_was_missed()
            throws Exception {
        HttpTestClient adminA = ApiLogin.admin(portA);
        AccountFixture accounts = new AccountFixture(portA, adminA);
        var tree = new GridTreeFixture(adminA).tree();
        String worker = accounts.account("GRID_WORKER", ",\"scopeNodeId\":" + tree.micro().id());
        String workerToken = AccountFixture.token(portA, worker, AccountFixture.PASSWORD);
        HttpTestClient resident = accounts.as("RESIDENT", "");
        await().atMost(ofSeconds(5)).until(() -> nodeB.getBean(ClusterEvents.class).listening("notification"));

        // the micro grid's worker holds a stream on B
        List<String> onB = new CopyOnWriteArrayList<>();
        AutoCloseable streamOnB = stream(portB(), workerToken, null, onB);
        await().atMost(ofSeconds(10)).until(() -> onB.contains(":connected"));

        // a resident reports in the micro grid through A: the worker's stream on B shows it
        String first = report(resident, tree, "NOISE", "楼上装修噪音");
        long reported = System.nanoTime();
        await().atMost(DOCUMENTED_STREAM_DELAY).pollInterval(ofMillis(10))
            .until(() -> onB.stream().anyMatch(l -> l.startsWith("data:") && l.contains(first)));
        long millis = (System.nanoTime() - reported) / 1_000_000;
        System.out.println("SecondNodePlatformIT: a report made on A reached the stream on B after " + millis + " ms");
        assertThat(onB).contains("event:notification");
        String lastId = onB.stream().filter(l -> l.startsWith("id:")).reduce((a, b) -> b).orElseThrow()
            .substring(3).strip();

        // B's stream ends (the node died, as far as the phone knows); a report is made meanwhile
        streamOnB.close();
        String missed = report(resident, tree, "BUILDING_SAFETY", "楼道灯损坏");

        // the phone reconnects to A with Last-Event-ID: it gets what it missed, not the old one
        List<String> onA = new CopyOnWriteArrayList<>();
        AutoCloseable streamOnA = stream(portA, workerToken, lastId, onA);
        try {
            await().atMost(ofSeconds(5)).until(() -> onA.stream().anyMatch(l -> l.contains(missed)));
            assertThat(onA).noneMatch(l -> l.contains(first));
        }
        finally {
            streamOnA.close();
        }
    }

    /** A resident's report at the tree's point; its tracking code. */
    private static String report(HttpTestClient resident, GridTreeFixture.TestTree tree, String category,
            String description) {
        var reported = resident.header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/incidents", "{\"category\":\"" + category + "\",\"description\":\"" + description + "\",\"lat\":"
                    + tree.lat() + ",\"lng\":" + tree.lng() + "}");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        return reported.json().path("incident").path("trackingCode").asString();
    }

    /** Opens the notification stream on {@code port} and appends its lines to {@code lines} as they come. */
    private static AutoCloseable stream(int port, String token, String lastEventId, List<String> lines)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/me/notifications/stream")).header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
            .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        InputStream body = response.body();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            }
            catch (IOException ex) {
                // closed by the test
            }
        });
        // closing the body ends the connection, as a phone losing its node does
        return () -> {
            body.close();
            reading.cancel(true);
        };
    }

    private static String sessionCookie(HttpTestClient.Response response) {
        String setCookie = response.raw().headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("SESSION=")).findFirst()
            .orElseThrow(() -> new AssertionError("no SESSION cookie in " + response.raw().headers()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String match(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1);
    }

    private static byte[] form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
