package org.gridgov.identity;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.PlatformTestConfiguration;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity's tokens meeting the platform's URL authorization ({@code ApiAuthorization}), which identity's own
 * tests (identity/, IdentityIT) do not have: a role is checked on every request, so a new role changes at once what
 * an existing token may call, and a self-registered resident's token opens none of the staff API.
 */
@PlatformTest
class IdentityAuthorizationIT {

    @LocalServerPort
    int port;

    HttpTestClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiLogin.admin(port);
    }

    @Test
    void a_new_role_changes_what_the_users_existing_token_may_call_at_once() {
        long community = new GridTreeFixture(admin).tree().community().id();
        String user = new AccountFixture(port, admin).account("COMMUNITY_WORKER", ",\"scopeNodeId\":" + community);
        HttpTestClient worker = AccountFixture.login(port, user, AccountFixture.PASSWORD);
        long id = admin.get("/api/v1/accounts?q=" + user).json().path("items").get(0).path("id").asLong();
        String etag = admin.get("/api/v1/accounts/" + id).header("ETag");
        assertThat(worker.get("/api/v1/accounts").status()).isEqualTo(200);

        var assigned = admin.header("If-Match", etag).put("/api/v1/accounts/" + id + "/role",
                "{\"role\":\"GRID_WORKER\",\"scopeNodeId\":" + community + "}");

        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(worker.get("/api/v1/accounts").status()).isEqualTo(403);
    }

    @Test
    void a_registered_resident_may_not_read_the_grid_tree() {
        String phone = "139" + String.format("%08d", Unique.next() % 100_000_000);
        HttpTestClient anonymous = HttpTestClient.at(port);
        assertThat(anonymous.post("/api/v1/auth/register/code", "{\"phone\":\"" + phone + "\"}").status())
            .isEqualTo(202);
        var registered = anonymous.post("/api/v1/auth/register", "{\"phone\":\"" + phone + "\",\"code\":\""
                + PlatformTestConfiguration.SENT_CODES.get(phone) + "\",\"password\":\"" + AccountFixture.PASSWORD
                + "\",\"displayName\":\"居民\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        HttpTestClient resident = AccountFixture.login(port, phone, AccountFixture.PASSWORD);

        assertThat(resident.get("/api/v1/me").json().path("role").asString()).isEqualTo("RESIDENT");
        assertThat(resident.get("/api/v1/grids").status()).isEqualTo(403);
    }
}
