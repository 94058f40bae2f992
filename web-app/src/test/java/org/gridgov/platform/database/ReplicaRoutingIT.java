package org.gridgov.platform.database;

import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridgov.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing between the primary and a read replica, simulated by a second database on the test server (it is not a
 * standby, so its freshness is taken as given; the lag rule is specified separately below with recorded positions).
 */
class ReplicaRoutingIT {

    static String primaryName;
    static String replicaName = "gridgov_replica_" + UUID.randomUUID().toString().substring(0, 8);
    static DriverManagerDataSource primary;
    static DriverManagerDataSource replica;

    ReplicaRouting routing;
    JdbcTemplate jdbc;
    TransactionTemplate reads;
    TransactionTemplate writes;

    @BeforeAll
    static void createReplicaDatabase() throws Exception {
        TestDatabase.Connection db = TestDatabase.get();
        primary = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        new JdbcTemplate(primary).execute("create database " + replicaName);
        primaryName = new JdbcTemplate(primary).queryForObject("select current_database()", String.class);
        replica = new DriverManagerDataSource(db.jdbcUrl().replace("/" + primaryName, "/" + replicaName),
                db.username(), db.password());
        try (var connection = DriverManager.getConnection(replica.getUrl(), db.username(), db.password())) {
            assertThat(connection.getCatalog()).isEqualTo(replicaName);
        }
    }

    @AfterAll
    static void dropReplicaDatabase() {
        new JdbcTemplate(primary).execute("drop database if exists " + replicaName + " with (force)");
    }

    void route(javax.sql.DataSource replicaSource, Clock clock) {
        routing = new ReplicaRouting(primary, replicaSource, Duration.ofSeconds(5), clock);
        LazyConnectionDataSourceProxy routed = new LazyConnectionDataSourceProxy(routing);
        jdbc = new JdbcTemplate(routed);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(routed);
        reads = new TransactionTemplate(transactions);
        reads.setReadOnly(true);
        writes = new TransactionTemplate(transactions);
    }

    @AfterEach
    void unpin() {
        ReplicaRouting.unpin();
    }

    String inReadOnly() {
        String database = reads.execute(status -> database());
        return database;
    }

    String inReadWrite() {
        String database = writes.execute(status -> database());
        return database;
    }

    String database() {
        return jdbc.queryForObject("select current_database()", String.class);
    }

    @Test
    void read_only_transactions_read_the_replica_and_everything_else_the_primary() {
        route(replica, Clock.systemUTC());
        routing.check();

        assertThat(inReadOnly()).isEqualTo(replicaName);
        assertThat(inReadWrite()).isEqualTo(primaryName);
        assertThat(database()).as("outside a transaction (Flyway, ShedLock, jobs)").isEqualTo(primaryName);
    }

    @Test
    void a_request_pinned_to_the_primary_reads_its_own_writes_there() {
        route(replica, Clock.systemUTC());
        routing.check();
        ReplicaRouting.pinToPrimary();

        assertThat(inReadOnly()).isEqualTo(primaryName);
    }

    @Test
    void reads_stay_on_the_primary_while_the_replica_is_unchecked_or_unreachable() {
        TestDatabase.Connection db = TestDatabase.get();
        var unreachable = new DriverManagerDataSource(db.jdbcUrl().replace("/" + primaryName, "/no_such_replica"),
                db.username(), db.password());
        route(unreachable, Clock.systemUTC());
        assertThat(inReadOnly()).as("not yet checked").isEqualTo(primaryName);

        try {
            routing.check();
        }
        catch (RuntimeException expected) {
            // the check thread logs this and keeps the replica out
        }
        assertThat(routing.fresh()).isFalse();
        assertThat(inReadOnly()).isEqualTo(primaryName);
    }

    @Test
    void a_standby_more_than_the_staleness_bound_behind_gets_no_reads_until_it_catches_up() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
        route(replica, clock);

        routing.record(clock.instant(), 1_000, 1_000); // caught up
        assertThat(routing.fresh()).isTrue();

        // the primary writes on, the standby stops replaying at 1000
        for (int second = 1; second <= 7; second++) {
            clock.advance(Duration.ofSeconds(1));
            routing.record(clock.instant(), 1_000 + second * 100L, 1_000);
            assertThat(routing.fresh()).as("second %d", second).isEqualTo(second <= 5);
        }
        assertThat(inReadOnly()).isEqualTo(primaryName);

        // it replays up to what the primary had two seconds ago: fresh as of then
        clock.advance(Duration.ofSeconds(1));
        routing.record(clock.instant(), 1_900, 1_600);
        assertThat(routing.lag()).isEqualTo(Duration.ofSeconds(2));
        assertThat(routing.fresh()).isTrue();
        assertThat(inReadOnly()).isEqualTo(replicaName);
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "MutableClock[%s]", now);
        }
    }
}
