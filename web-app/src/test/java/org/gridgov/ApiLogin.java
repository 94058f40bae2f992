package org.gridgov;

import org.gridgov.testsupport.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Logs in through the token endpoint, as the mobile app does. */
public final class ApiLogin {

    private ApiLogin() {
    }

    public static String token(int port, String username, String password) {
        var response = HttpTestClient.at(port).post("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("accessToken").asString();
    }

    /** A client carrying the bootstrap administrator's access token. */
    public static HttpTestClient admin(int port) {
        return HttpTestClient.at(port).bearer(token(port, PlatformTest.ADMIN, PlatformTest.ADMIN_PASSWORD));
    }

    public static HttpTestClient as(int port, String username, String password) {
        return HttpTestClient.at(port).bearer(token(port, username, password));
    }
}
