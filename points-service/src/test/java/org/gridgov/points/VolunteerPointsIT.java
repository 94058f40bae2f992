package org.gridgov.points;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.gridgov.shared.event.VolunteerServiceConfirmed;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Volunteering confirmed at a community activity (the participation module's {@link VolunteerServiceConfirmed},
 * published here as that module publishes it) becomes an approved VOLUNTEER_HOURS service record and its points,
 * once however often the event is delivered, within the monthly cap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VolunteerPointsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    KnownAccounts accounts;

    @Test
    void confirmed_volunteer_hours_earn_points_once_per_signup_within_the_monthly_cap() {
        TestTree tree = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin())).tree();
        String path = jdbc.queryForObject("select path from grid_node where id = ?", String.class,
                tree.community().id());
        TestCaller volunteer = TestCaller.resident();
        accounts.register(volunteer);
        HttpTestClient client = HttpTestClient.at(port).as(volunteer);
        long signup = Unique.next();
        VolunteerServiceConfirmed confirmed = new VolunteerServiceConfirmed(signup, 7, "邻里月台读书会",
                volunteer.accountId(), volunteer.username(), tree.community().id(), path, new BigDecimal("2.5"),
                Instant.now(), "worker");
        tx.executeWithoutResult(s -> events.publishEvent(confirmed));
        tx.executeWithoutResult(s -> events.publishEvent(confirmed));

        // 2.5 hours × 10 points an hour, rounded down
        await().atMost(ofSeconds(20)).until(() -> balance(client) == 25);
        await().during(ofSeconds(1)).atMost(ofSeconds(5)).until(() -> balance(client) == 25);
        assertThat(jdbc.queryForObject("select count(*) from service_record where worker_id = ? and state = "
                + "'APPROVED' and type_code = 'VOLUNTEER_HOURS'", Long.class, volunteer.accountId())).isOne();

        // the monthly cap (300) holds: 24 hours more would be 240, only 275 in all
        for (int i = 0; i < 2; i++) {
            long next = Unique.next();
            tx.executeWithoutResult(s -> events.publishEvent(new VolunteerServiceConfirmed(next, 7, "社区清扫",
                    volunteer.accountId(), volunteer.username(), tree.community().id(), path, new BigDecimal("24"),
                    Instant.now(), "worker")));
        }
        await().atMost(ofSeconds(20)).until(() -> balance(client) == 300);
        await().during(ofSeconds(1)).atMost(ofSeconds(5)).until(() -> balance(client) == 300);
    }

    long balance(HttpTestClient client) {
        return client.get("/api/v1/points/me").json().path("balance").asLong();
    }
}
