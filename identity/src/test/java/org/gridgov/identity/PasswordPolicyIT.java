package org.gridgov.identity;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.identity.testing.TestAdmin;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 #7: short and common passwords are refused wherever a password is set, with a problem naming the field;
 * and the lock-out answer does not tell which usernames exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PasswordPolicyIT {

    /** Short ones (refused for length) and common ones long enough to pass a length rule. */
    static final List<String> WEAK = List.of("12345678", "password", "aaaaaaaa", "1234567890", "qwertyuiop",
            "password123", "PASSWORD123", "aaaaaaaaaaaa", "1212121212");

    @LocalServerPort
    int port;

    HttpTestClient anonymous;
    HttpTestClient admin;

    @BeforeEach
    void setUp() {
        anonymous = HttpTestClient.at(port);
        admin = TestAdmin.login(port);
    }

    @Test
    void short_and_common_passwords_are_refused_when_an_account_is_created() {
        long community = new GridTreeFixture(admin).tree().community().id();
        for (String weak : WEAK) {
            var created = admin.post("/api/v1/accounts", "{\"username\":\"" + Unique.code("weak") + "\","
                    + "\"displayName\":\"x\",\"password\":\"" + weak + "\",\"role\":\"GRID_WORKER\",\"scopeNodeId\":"
                    + community + "}");
            assertRefused(created, weak, "password");
        }
    }

    @Test
    void short_and_common_passwords_are_refused_when_a_manager_resets_one() {
        long community = new GridTreeFixture(admin).tree().community().id();
        String user = new AccountFixture(port, admin).account("GRID_WORKER", ",\"scopeNodeId\":" + community);
        long id = admin.get("/api/v1/accounts?q=" + user).json().path("items").get(0).path("id").asLong();
        for (String weak : WEAK) {
            var reset = admin.post("/api/v1/accounts/" + id + "/password", "{\"password\":\"" + weak + "\"}");
            assertRefused(reset, weak, "password");
        }
        assertThat(login(user, AccountFixture.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void short_and_common_passwords_are_refused_when_one_changes_ones_own() {
        long community = new GridTreeFixture(admin).tree().community().id();
        String user = new AccountFixture(port, admin).account("GRID_WORKER", ",\"scopeNodeId\":" + community);
        HttpTestClient worker = AccountFixture.login(port, user, AccountFixture.PASSWORD);
        for (String weak : WEAK) {
            var changed = worker.post("/api/v1/me/password", "{\"currentPassword\":\"" + AccountFixture.PASSWORD
                    + "\",\"newPassword\":\"" + weak + "\"}");
            assertRefused(changed, weak, "newPassword");
        }
        var good = worker.post("/api/v1/me/password", "{\"currentPassword\":\"" + AccountFixture.PASSWORD
                + "\",\"newPassword\":\"Jinjiang-river-7\"}");
        assertThat(good.status()).as(good.toString()).isEqualTo(204);
    }

    @Test
    void a_locked_unknown_username_answers_exactly_as_a_locked_real_account() {
        long community = new GridTreeFixture(admin).tree().community().id();
        String known = new AccountFixture(port, admin).account("GRID_WORKER", ",\"scopeNodeId\":" + community);
        String unknown = "nobody-" + Unique.next();
        for (int i = 0; i < 5; i++) {
            assertThat(login(known, "wrong-password").status()).isEqualTo(401);
            assertThat(login(unknown, "wrong-password").status()).isEqualTo(401);
        }

        var knownLocked = login(known, AccountFixture.PASSWORD);
        var unknownLocked = login(unknown, AccountFixture.PASSWORD);

        assertThat(knownLocked.status()).isEqualTo(401);
        assertThat(unknownLocked.status()).isEqualTo(401);
        assertThat(knownLocked.json().path("code").asString()).isEqualTo("auth.locked");
        assertThat(unknownLocked.json().path("code").asString()).isEqualTo("auth.locked");
        assertThat(unknownLocked.body()).isEqualTo(knownLocked.body());
        assertThat(unknownLocked.contentType()).isEqualTo(knownLocked.contentType());
    }

    private HttpTestClient.Response login(String username, String password) {
        return anonymous.post("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static void assertRefused(HttpTestClient.Response response, String weak, String field) {
        assertThat(response.status()).as(weak + " → " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").get(0).path("field").asString()).as(weak).isEqualTo(field);
    }
}
