package org.gridgov.identity.testing;

import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.HttpTestClient;

/**
 * The bootstrap system administrator of a module test application with identity. Its test properties must name the
 * same account: {@code gridgov.security.bootstrap-admin.username=admin} and
 * {@code gridgov.security.bootstrap-admin.password=admin-test-password}.
 */
public final class TestAdmin {

    public static final String USERNAME = "admin";
    public static final String PASSWORD = "admin-test-password";

    private TestAdmin() {
    }

    /** A client carrying the administrator's access token. */
    public static HttpTestClient login(int port) {
        return AccountFixture.login(port, USERNAME, PASSWORD);
    }

    /** An account fixture whose accounts the administrator creates. */
    public static AccountFixture accounts(int port) {
        return new AccountFixture(port, login(port));
    }
}
