package org.gridgov.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Idempotency claims across a PostgreSQL outage (issue 16, found by the reliability suite): a request in flight when
 * PostgreSQL went away cannot release its claim, and its retries used to answer 409 {@code idempotency.in-progress}
 * for 5 minutes after the database was back. This instance knows none of its requests runs that claim any more, so
 * the retry takes it over at once; a claim still running, or held by another instance, stays in progress.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyStoreIT {

    static final byte[] REQUEST = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @Autowired
    DataSource dataSource;

    /** A JdbcTemplate whose writes fail while {@code down} is set, as they do while PostgreSQL is unreachable. */
    static final class FlakyJdbc extends JdbcTemplate {

        volatile boolean down;

        FlakyJdbc(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public int update(String sql, Object... args) {
            if (down) {
                throw new DataAccessResourceFailureException("An I/O error occurred while sending to the backend.");
            }
            return super.update(sql, args);
        }
    }

    @Test
    void a_claim_whose_release_failed_while_the_database_was_down_is_taken_over_by_the_next_retry() {
        FlakyJdbc jdbc = new FlakyJdbc(dataSource);
        IdempotencyStore store = new IdempotencyStore(jdbc);
        String key = "outage-" + UUID.randomUUID();

        assertThat(claim(store, key)).isEqualTo(IdempotencyStore.Outcome.CLAIMED);
        jdbc.down = true;
        assertThatThrownBy(() -> store.release("resident", key)).isInstanceOf(DataAccessResourceFailureException.class);
        jdbc.down = false;

        assertThat(claim(store, key)).as("the retry once PostgreSQL is back")
            .isEqualTo(IdempotencyStore.Outcome.CLAIMED);
        store.complete("resident", key, new IdempotencyStore.StoredResponse(201, "application/json", null, null,
                "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(claim(store, key)).isEqualTo(IdempotencyStore.Outcome.COMPLETED);
    }

    @Test
    void a_claim_still_running_here_or_held_by_another_instance_stays_in_progress() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        IdempotencyStore here = new IdempotencyStore(jdbc);
        IdempotencyStore otherNode = new IdempotencyStore(jdbc);
        String key = "running-" + UUID.randomUUID();

        assertThat(claim(here, key)).isEqualTo(IdempotencyStore.Outcome.CLAIMED);
        assertThat(claim(here, key)).as("a second request of the same key on this node")
            .isEqualTo(IdempotencyStore.Outcome.IN_PROGRESS);
        assertThat(claim(otherNode, key)).as("the same key on another node, which may not know whether this one lives")
            .isEqualTo(IdempotencyStore.Outcome.IN_PROGRESS);
        here.release("resident", key);
        assertThat(claim(otherNode, key)).isEqualTo(IdempotencyStore.Outcome.CLAIMED);
    }

    private static IdempotencyStore.Outcome claim(IdempotencyStore store, String key) {
        return store.claim("resident", key, REQUEST, "POST", "/api/v1/incidents").outcome();
    }
}
