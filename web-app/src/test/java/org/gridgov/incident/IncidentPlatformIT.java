package org.gridgov.incident;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What of incidents only the whole platform shows: refusals by URL authorization, with real accounts and tokens. The
 * incident behaviour itself is tested by incident-service's own IncidentIT (whose tests these assertions came from).
 */
@PlatformTest
class IncidentPlatformIT {

    @LocalServerPort
    int port;

    HttpTestClient admin;
    AccountFixture accounts;

    @BeforeEach
    void setUp() {
        admin = ApiLogin.admin(port);
        accounts = new AccountFixture(port, admin);
    }

    @Test
    void a_grid_worker_may_not_check_in_for_a_department() {
        GridTreeFixture.TestTree tree = new GridTreeFixture(admin).tree();
        var reported = accounts.as("RESIDENT", "").header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/incidents", "{\"category\":\"NOISE\",\"description\":\"楼上装修噪音\",\"lat\":" + tree.lat()
                    + ",\"lng\":" + tree.lng() + "}");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        long id = reported.json().path("incident").path("id").asLong();

        var checkIn = accounts.staff("GRID_WORKER", tree.micro().id())
            .post("/api/v1/incidents/" + id + "/check-in", "{}");

        assertThat(checkIn.status()).isEqualTo(403);
    }

    @Test
    void residents_may_not_configure_categories() {
        String code = "TEST_" + Unique.next();
        var saved = admin.put("/api/v1/incident-categories/" + code,
                "{\"name\":\"井盖缺失\",\"responseHours\":2,\"resolutionHours\":24,\"workingHours\":false}");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(accounts.as("RESIDENT", "").put("/api/v1/incident-categories/" + code, "{}").status())
            .isEqualTo(403);
    }
}
