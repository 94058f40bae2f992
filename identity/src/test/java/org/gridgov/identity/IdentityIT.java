package org.gridgov.identity;

import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.IdentityTestApplication;
import org.gridgov.identity.testing.TestAdmin;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins, tokens, lock-out, integrator clients, registration and account management through identity's API, with
 * real accounts and bearer tokens. What a role may call at all is the web app's (its {@code IdentityAuthorizationIT}
 * shows a changed role and a registered resident meeting the URL authorization).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityIT {

    static final String PASSWORD = AccountFixture.PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient anonymous;
    HttpTestClient admin;
    AccountFixture accounts;

    @BeforeEach
    void setUp() {
        anonymous = HttpTestClient.at(port);
        admin = TestAdmin.login(port);
        accounts = new AccountFixture(port, admin);
    }

    /** A district → street → community (…) tree and a second community under the street; returns the ids. */
    long[] tree() {
        TestTree tree = new GridTreeFixture(admin).tree();
        var neighbour = new GridTreeFixture(admin).tryCreate(GridTreeFixture.codeFor("COMMUNITY", tree.street().code()), "COMMUNITY",
                tree.street().code(), null);
        assertThat(neighbour.status()).as(neighbour.toString()).isEqualTo(201);
        return new long[] { tree.district().id(), tree.street().id(), tree.community().id(),
                neighbour.json().path("id").asLong() };
    }

    String account(String role, long scopeNodeId) {
        return accounts.account(role, ",\"scopeNodeId\":" + scopeNodeId);
    }

    HttpTestClient as(String username) {
        return AccountFixture.login(port, username, PASSWORD);
    }

    HttpTestClient.Response login(String username, String password) {
        return anonymous.post("/api/v1/auth/token", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_answer_and_five_failures_lock_the_account() {
        String user = account("GRID_WORKER", tree()[2]);

        var wrong = login(user, "wrong-password");
        var unknown = login("nobody-" + Unique.next(), "wrong-password");
        for (int i = 0; i < 3; i++) {
            login(user, "wrong-password");
        }
        var fifth = login(user, "wrong-password");
        var rightButLocked = login(user, PASSWORD);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().path("code").asString()).isEqualTo(wrong.json().path("code").asString())
            .isEqualTo("auth.bad-credentials");
        assertThat(unknown.json().path("detail").asString()).isEqualTo(wrong.json().path("detail").asString());
        assertThat(fifth.status()).isEqualTo(401);
        assertThat(rightButLocked.status()).isEqualTo(401);
        assertThat(rightButLocked.json().path("code").asString()).isEqualTo("auth.locked");
        assertThat(jdbc.queryForList("select action from audit_event where actor = ? order by id", String.class, user))
            .contains("LOGIN_FAILED", "ACCOUNT_LOCKED", "LOGIN_REFUSED_LOCKED");
    }

    @Test
    void a_locked_users_token_stops_working_at_once() {
        String user = account("GRID_WORKER", tree()[2]);
        HttpTestClient worker = as(user);
        assertThat(worker.get("/api/v1/me").status()).isEqualTo(200);
        long id = admin.get("/api/v1/accounts?q=" + user).json().path("items").get(0).path("id").asLong();

        var locked = admin.post("/api/v1/accounts/" + id + "/lock", "");

        assertThat(locked.status()).isEqualTo(200);
        assertThat(worker.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void expired_and_tampered_tokens_are_refused() {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                JwtClaimsSet.builder().issuer("gridgov").subject(TestAdmin.USERNAME).issuedAt(past.minusSeconds(900))
                    .expiresAt(past).claim("role", "SYSTEM_ADMIN").claim("aid", 1L).build())).getTokenValue();
        String valid = AccountFixture.token(port, TestAdmin.USERNAME, TestAdmin.PASSWORD);
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("SYSTEM_ADMIN", "SYSTEM_ADMIX");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];

        assertThat(anonymous.bearer(expired).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.bearer(tampered).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.bearer("not.a.jwt").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.bearer(valid).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void refresh_tokens_rotate_and_reusing_one_revokes_the_whole_login() {
        String user = account("COMMUNITY_WORKER", tree()[2]);
        JsonNode first = login(user, PASSWORD).json();

        var rotated = anonymous.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first.path("refreshToken").asString() + "\"}");
        var reused = anonymous.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first.path("refreshToken").asString() + "\"}");
        var afterTheft = anonymous.post("/api/v1/auth/refresh",
                "{\"refreshToken\":\"" + rotated.json().path("refreshToken").asString() + "\"}");

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().path("refreshToken").asString()).isNotEqualTo(first.path("refreshToken").asString());
        assertThat(anonymous.bearer(rotated.json().path("accessToken").asString()).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().path("code").asString()).isEqualTo("auth.refresh-invalid");
        assertThat(afterTheft.status()).isEqualTo(401);
    }

    @Test
    void logout_ends_the_login() {
        String user = account("COMMUNITY_WORKER", tree()[2]);
        JsonNode tokens = login(user, PASSWORD).json();
        String refresh = "{\"refreshToken\":\"" + tokens.path("refreshToken").asString() + "\"}";

        assertThat(anonymous.post("/api/v1/auth/logout", refresh).status()).isEqualTo(204);
        assertThat(anonymous.post("/api/v1/auth/refresh", refresh).status()).isEqualTo(401);
    }

    @Test
    void integrators_get_a_secret_once_and_client_credentials_tokens() {
        var created = admin.post("/api/v1/integrator-clients", "{\"name\":\"12345热线\"}");
        String clientId = created.json().path("clientId").asString();
        String secret = created.json().path("clientSecret").asString();

        var listed = admin.get("/api/v1/integrator-clients");
        var token = anonymous.post("/api/v1/auth/client-token",
                "{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + secret + "\"}");
        var wrongSecret = anonymous.post("/api/v1/auth/client-token",
                "{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"nope\"}");
        HttpTestClient integrator = anonymous.bearer(token.json().path("accessToken").asString());

        assertThat(created.status()).isEqualTo(201);
        assertThat(secret).hasSizeGreaterThan(30);
        assertThat(listed.body()).contains(clientId).doesNotContain(secret).doesNotContain("clientSecret");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().has("refreshToken")).isFalse();
        assertThat(integrator.get("/api/v1/me").json().path("role").asString()).isEqualTo("INTEGRATOR");
        assertThat(wrongSecret.status()).isEqualTo(401);
        admin.post("/api/v1/integrator-clients/" + clientId + "/disable", "");
        assertThat(integrator.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void residents_register_with_a_code_sent_to_their_phone() {
        String phone = "139" + String.format("%08d", Unique.next() % 100_000_000);

        var sent = anonymous.post("/api/v1/auth/register/code", "{\"phone\":\"" + phone + "\"}");
        var tooSoon = anonymous.post("/api/v1/auth/register/code", "{\"phone\":\"" + phone + "\"}");
        var wrongCode = anonymous.post("/api/v1/auth/register", "{\"phone\":\"" + phone + "\",\"code\":\"000000\","
                + "\"password\":\"" + PASSWORD + "\",\"displayName\":\"居民\"}");
        String code = IdentityTestApplication.SENT_CODES.get(phone);
        var registered = anonymous.post("/api/v1/auth/register", "{\"phone\":\"" + phone + "\",\"code\":\"" + code
                + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"居民\"}");

        assertThat(sent.status()).isEqualTo(202);
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(wrongCode.status()).isIn(400);
        assertThat(wrongCode.json().path("errors").get(0).path("field").asString()).isEqualTo("code");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        HttpTestClient resident = as(phone);
        assertThat(resident.get("/api/v1/me").json().path("role").asString()).isEqualTo("RESIDENT");
    }

    @Test
    void a_community_worker_cannot_create_an_admin_widen_their_scope_or_reach_outside_it() {
        long[] ids = tree();
        String worker = account("COMMUNITY_WORKER", ids[2]);
        HttpTestClient community = as(worker);
        long self = admin.get("/api/v1/accounts?q=" + worker).json().path("items").get(0).path("id").asLong();
        String etag = admin.get("/api/v1/accounts/" + self).header("ETag");

        var makeAdmin = community.post("/api/v1/accounts", "{\"username\":\"" + Unique.code("evil") + "\","
                + "\"displayName\":\"x\",\"password\":\"" + PASSWORD + "\",\"role\":\"SYSTEM_ADMIN\"}");
        var widenSelf = community.header("If-Match", etag).put("/api/v1/accounts/" + self + "/role",
                "{\"role\":\"COMMUNITY_WORKER\",\"scopeNodeId\":" + ids[1] + "}");
        var workerElsewhere = community.post("/api/v1/accounts", "{\"username\":\"" + Unique.code("gw") + "\","
                + "\"displayName\":\"x\",\"password\":\"" + PASSWORD + "\",\"role\":\"GRID_WORKER\",\"scopeNodeId\":" + ids[3] + "}");
        var workerHere = community.post("/api/v1/accounts", "{\"username\":\"" + Unique.code("gw") + "\","
                + "\"displayName\":\"x\",\"password\":\"" + PASSWORD + "\",\"role\":\"GRID_WORKER\",\"scopeNodeId\":" + ids[2] + "}");

        assertThat(makeAdmin.status()).isEqualTo(403);
        assertThat(makeAdmin.json().path("code").asString()).isEqualTo("identity.role-not-grantable");
        assertThat(widenSelf.status()).isIn(403, 404);
        assertThat(workerElsewhere.status()).isEqualTo(422);
        assertThat(workerHere.status()).isEqualTo(201);
        assertThat(community.get("/api/v1/grids/" + ids[3]).status()).isEqualTo(404);
        assertThat(community.get("/api/v1/grids/" + ids[2]).status()).isEqualTo(200);
        assertThat(community.get("/api/v1/accounts/" + self).status()).isEqualTo(200);
    }

    @Test
    void a_manager_lists_only_the_accounts_and_audit_events_of_their_part_of_the_tree() {
        long[] ids = tree();
        String worker = account("COMMUNITY_WORKER", ids[2]);
        String inside = account("GRID_WORKER", ids[2]);
        String outside = account("GRID_WORKER", ids[3]);
        long insideId = admin.get("/api/v1/accounts?q=" + inside).json().path("items").get(0).path("id").asLong();
        long outsideId = admin.get("/api/v1/accounts?q=" + outside).json().path("items").get(0).path("id").asLong();
        HttpTestClient community = as(worker);

        JsonNode listed = community.get("/api/v1/accounts?size=200").json();
        JsonNode searched = community.get("/api/v1/accounts?q=" + outside.substring(0, 6)).json();
        JsonNode audit = community.get("/api/v1/audit-events?size=200").json().path("items");

        assertThat(listed.path("items").findValuesAsString("username")).containsExactly(worker, inside);
        assertThat(listed.path("totalElements").asLong()).isEqualTo(2);
        assertThat(searched.path("items").findValuesAsString("username")).containsExactly(inside);
        assertThat(audit.findValuesAsString("targetId")).contains(String.valueOf(insideId))
            .doesNotContain(String.valueOf(outsideId));
        assertThat(audit.findValuesAsString("actor")).contains(worker);
    }

    @Test
    void a_new_role_takes_effect_on_the_users_existing_token_at_once_and_is_audited() {
        long[] ids = tree();
        String user = account("COMMUNITY_WORKER", ids[2]);
        HttpTestClient worker = as(user);
        long id = admin.get("/api/v1/accounts?q=" + user).json().path("items").get(0).path("id").asLong();
        String etag = admin.get("/api/v1/accounts/" + id).header("ETag");
        assertThat(worker.get("/api/v1/accounts").status()).isEqualTo(200);

        var assigned = admin.header("If-Match", etag).put("/api/v1/accounts/" + id + "/role",
                "{\"role\":\"GRID_WORKER\",\"scopeNodeId\":" + ids[2] + "}");
        var stale = admin.header("If-Match", etag).put("/api/v1/accounts/" + id + "/role",
                "{\"role\":\"GRID_WORKER\",\"scopeNodeId\":" + ids[2] + "}");

        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(worker.get("/api/v1/me").json().path("role").asString()).isEqualTo("GRID_WORKER");
        assertThat(admin.get("/api/v1/audit-events?action=ROLE_CHANGED").body()).contains("COMMUNITY_WORKER → GRID_WORKER");
    }

    @Test
    void over_long_fields_are_refused_naming_them() {
        var longName = admin.post("/api/v1/accounts", "{\"username\":\"" + "x".repeat(65) + "\",\"displayName\":\"x\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"GRID_WORKER\"}");
        var longPassword = anonymous.post("/api/v1/auth/token", "{\"username\":\"a\",\"password\":\"" + "p".repeat(200) + "\"}");

        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.json().path("errors").toString()).contains("username");
        assertThat(longPassword.status()).isEqualTo(400);
        assertThat(longPassword.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
    }

    @Test
    void a_password_change_needs_the_current_password_and_is_audited() {
        String user = account("GRID_WORKER", tree()[2]);
        HttpTestClient worker = as(user);

        var wrong = worker.post("/api/v1/me/password", "{\"currentPassword\":\"nope\",\"newPassword\":\"new-password-1\"}");
        var changed = worker.post("/api/v1/me/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"new-password-1\"}");

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(changed.status()).isEqualTo(204);
        assertThat(login(user, "new-password-1").status()).isEqualTo(200);
        var audit = admin.get("/api/v1/audit-events?actor=" + user).json();
        assertThat(audit.toString()).contains("PASSWORD_CHANGED").contains("LOGIN_SUCCEEDED");
    }
}
