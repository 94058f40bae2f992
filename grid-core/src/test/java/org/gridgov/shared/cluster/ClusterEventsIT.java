package org.gridgov.shared.cluster;

import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Cluster events between two nodes: this context's {@link ClusterEvents} publishes, a second instance with its own
 * listening connection (as another node has) receives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClusterEventsIT {

    @Autowired
    ClusterEvents events;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    ClusterEvents otherNode;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger resynchronised = new AtomicInteger();

    @BeforeEach
    void startOtherNode() {
        TestDatabase.Connection db = TestDatabase.get();
        otherNode = new ClusterEvents(jdbc, transactions,
                () -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()), ofMillis(100));
        otherNode.subscribe("test_events", new ClusterListener() {
            @Override
            public void onEvent(String payload) {
                received.add(payload);
            }

            @Override
            public void onResynchronise() {
                resynchronised.incrementAndGet();
            }
        });
        otherNode.start();
        await().atMost(ofSeconds(5)).until(() -> otherNode.listening("test_events"));
    }

    @AfterEach
    void stopOtherNode() {
        otherNode.stop();
    }

    @Test
    void an_event_published_in_a_transaction_reaches_the_other_node_at_commit_and_not_before() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publish("test_events", "incident:41");
            await().during(ofMillis(300)).atMost(ofSeconds(1)).until(received::isEmpty);
        });

        await().atMost(ofSeconds(2)).until(() -> received.equals(List.of("incident:41")));
    }

    @Test
    void an_event_of_a_rolled_back_transaction_is_never_delivered() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publish("test_events", "rolled-back");
            status.setRollbackOnly();
        });
        events.publish("test_events", "after");

        await().atMost(ofSeconds(2)).until(() -> received.contains("after"));
        assertThat(received).containsExactly("after");
    }

    @Test
    void an_event_published_in_a_read_only_transaction_is_sent_after_its_commit() {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> events.publish("test_events", "from-a-read"));

        await().atMost(ofSeconds(2)).until(() -> received.equals(List.of("from-a-read")));
    }

    @Test
    void a_lost_listening_connection_is_reopened_and_its_listeners_resynchronise() {
        int pid = otherNode.backendPid();
        jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, pid);

        await().atMost(ofSeconds(5)).until(() -> otherNode.backendPid() != 0 && otherNode.backendPid() != pid
                && otherNode.listening("test_events"));
        await().atMost(ofSeconds(2)).until(() -> resynchronised.get() == 1);
        events.publish("test_events", "after-reconnect");
        await().atMost(ofSeconds(2)).until(() -> received.contains("after-reconnect"));
    }

    @Test
    void a_node_stopped_and_started_again_delivers_events_again() {
        // Spring pauses a cached test context (stops its lifecycle beans) and starts it again when a test needs it
        otherNode.stop();
        await().atMost(ofSeconds(5)).until(() -> otherNode.backendPid() == 0);
        otherNode.start();
        await().atMost(ofSeconds(5)).until(() -> otherNode.listening("test_events"));

        events.publish("test_events", "after-restart");

        await().atMost(ofSeconds(2)).until(() -> received.contains("after-restart"));
    }

    @Test
    void payloads_are_ids_not_data_and_channels_are_identifiers() {
        assertThatThrownBy(() -> events.publish("test_events", "x".repeat(ClusterEvents.MAX_PAYLOAD_BYTES + 1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ids");
        assertThatThrownBy(() -> events.publish("bad\"; drop table x; --", "1"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.subscribe("Upper", payload -> { }))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
