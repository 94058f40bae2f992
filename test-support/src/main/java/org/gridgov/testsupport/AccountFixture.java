package org.gridgov.testsupport;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts and their tokens through the identity API, for tests of an application that has identity (identity's
 * own, integration's, the whole platform): a manager creates the account, then it logs in at the token endpoint as
 * the mobile app does.
 */
public final class AccountFixture {

    public static final String PASSWORD = "fixture-password-1";

    private final int port;
    private final HttpTestClient manager;

    /** @param manager a client allowed to create the accounts asked for (an administrator's, usually) */
    public AccountFixture(int port, HttpTestClient manager) {
        this.port = port;
        this.manager = manager;
    }

    /** An access token for this username and password. */
    public static String token(int port, String username, String password) {
        var response = HttpTestClient.at(port).post("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("accessToken").asString();
    }

    /** A client carrying this user's access token. */
    public static HttpTestClient login(int port, String username, String password) {
        return HttpTestClient.at(port).bearer(token(port, username, password));
    }

    /**
     * Creates an account with a unique username and returns it.
     *
     * @param binding extra JSON members, e.g. {@code ,"scopeNodeId":12} or {@code ,"departmentId":3}
     */
    public String account(String role, String binding) {
        String username = Unique.code(role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = manager.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试"
                + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"" + binding + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }

    /** Creates an account and returns a client logged in as it. */
    public HttpTestClient as(String role, String binding) {
        return login(port, account(role, binding), PASSWORD);
    }

    /** A client logged in as an account bound to a grid node (staff). */
    public HttpTestClient staff(String role, long scopeNodeId) {
        return as(role, ",\"scopeNodeId\":" + scopeNodeId);
    }
}
