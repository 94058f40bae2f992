package org.gridgov.shared.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.shared.scope.DataScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job queue on a table of its own that no module polls: claims are exclusive across concurrent nodes, a job whose
 * node stopped sending heartbeats is claimed again, results and reports end a job, and jobs are visible only within
 * the scope they were submitted in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobQueueIT {

    static final JobTable TABLE = new JobTable("Test job", "job_queue_test_job", "FIRST", "payload",
            List.of("bytes_read"));

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobQueues queues;

    JobQueue queue;

    @BeforeEach
    void setUp() {
        // the columns every job table shares, plus a payload and a module progress column
        jdbc.execute("""
                create table if not exists job_queue_test_job (
                    id bigint generated always as identity primary key, payload text, bytes_read bigint not null default 0,
                    result integer, status varchar(12) not null, phase varchar(12), total integer not null default 0,
                    done integer not null default 0, error_count integer not null default 0, errors jsonb, failure text,
                    submitted_by varchar(100) not null, submitted_at timestamptz not null default now(),
                    started_at timestamptz, finished_at timestamptz, heartbeat_at timestamptz, claimed_by varchar(100),
                    scope_node_id bigint, scope_path varchar(400) collate "C")""");
        jdbc.execute("truncate job_queue_test_job restart identity");
        queue = queues.queue(TABLE);
    }

    long submit(DataScope scope) {
        return queue.submit(JobColumns.of("payload", "work"), "tester", scope);
    }

    Map<String, Object> row(long id) {
        return jdbc.queryForMap("select * from job_queue_test_job where id = ?", id);
    }

    @Test
    void each_job_is_claimed_by_exactly_one_of_several_concurrent_nodes() throws Exception {
        List<Long> submitted = IntStream.range(0, 20).mapToObj(i -> submit(DataScope.all())).toList();
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> nodes = IntStream.range(0, 4).mapToObj(n -> CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                while (queue.runNext(job -> claimed.add(job.id()))) {
                    // claim until the queue is empty
                }
            }, threads)).toList();
            CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        finally {
            threads.shutdownNow();
        }

        assertThat(claimed).hasSize(20).containsExactlyInAnyOrderElementsOf(submitted);
        assertThat(queue.claimNext()).isEmpty();
        assertThat(row(submitted.get(0))).containsEntry("status", "RUNNING").containsEntry("phase", "FIRST");
    }

    @Test
    void a_running_job_without_a_heartbeat_for_two_minutes_is_claimed_again_from_the_start() {
        long id = submit(DataScope.subtree(7, "/1/7/"));
        JobQueue.ClaimedJob first = queue.claimNext().orElseThrow();
        assertThat(first.scope()).isEqualTo(DataScope.subtree(7, "/1/7/"));
        queue.progress(id, "SECOND", 40, JobColumns.of("bytes_read", 4096L));
        assertThat(row(id)).containsEntry("done", 40).containsEntry("bytes_read", 4096L);

        jdbc.update("update job_queue_test_job set heartbeat_at = now() - interval '90 seconds' where id = ?", id);
        assertThat(queue.claimNext()).as("alive: 90 s without a heartbeat").isEmpty();
        queue.heartbeat(id);
        jdbc.update("update job_queue_test_job set heartbeat_at = now() - interval '3 minutes' where id = ?", id);

        JobQueue.ClaimedJob again = queue.claimNext().orElseThrow();
        assertThat(again.id()).isEqualTo(id);
        assertThat(row(id)).containsEntry("status", "RUNNING").containsEntry("phase", "FIRST")
            .containsEntry("done", 0).containsEntry("bytes_read", 0L);
    }

    @Test
    void a_job_ends_with_its_results_or_its_capped_error_report_and_its_payload_cleared() {
        long good = submit(DataScope.all());
        long bad = submit(DataScope.all());
        queue.claimNext();
        queue.progress(good, "FIRST", 3, 10);
        queue.progress(good, "SECOND", 1, 5);
        assertThat(row(good)).as("the total never shrinks").containsEntry("total", 10).containsEntry("done", 1);
        queue.succeed(good, JobColumns.of("result", 42).setSql("done", "total"));
        queue.claimNext();
        List<Map<String, Object>> errors = IntStream.range(0, 1500).mapToObj(i -> Map.<String, Object>of("line", i))
            .toList();
        queue.fail(bad, errors, null);

        assertThat(row(good)).containsEntry("status", "SUCCEEDED").containsEntry("result", 42)
            .containsEntry("done", 10).containsEntry("payload", null);
        assertThat(row(good).get("finished_at")).isNotNull();
        assertThat(row(bad)).containsEntry("status", "FAILED").containsEntry("error_count", 1500)
            .containsEntry("payload", null);
        assertThat(jdbc.queryForObject("select jsonb_array_length(errors) from job_queue_test_job where id = ?",
                Integer.class, bad)).isEqualTo(JobQueue.MAX_REPORTED_ERRORS);
    }

    @Test
    void a_job_is_visible_only_to_scopes_that_cover_the_scope_it_was_submitted_in() {
        long cityWide = submit(DataScope.all());
        long street = submit(DataScope.subtree(12, "/1/12/"));
        long otherStreet = submit(DataScope.subtree(13, "/1/13/"));

        assertThat(queue.page(DataScope.all(), "id", (rs, row) -> rs.getLong(1), 0, 10).items())
            .containsExactly(otherStreet, street, cityWide);
        assertThat(queue.page(DataScope.subtree(1, "/1/"), "id", (rs, row) -> rs.getLong(1), 0, 10).items())
            .containsExactly(otherStreet, street);
        var forStreet = queue.page(DataScope.subtree(12, "/1/12/"), "id", (rs, row) -> rs.getLong(1), 0, 10);
        assertThat(forStreet.items()).containsExactly(street);
        assertThat(forStreet.totalElements()).isOne();
        assertThat(queue.find(street, DataScope.subtree(120, "/1/12/120/"), "id", (rs, row) -> rs.getLong(1)))
            .as("a job of the street is not visible below it").isEmpty();
        assertThat(queue.find(cityWide, DataScope.subtree(12, "/1/12/"), "id", (rs, row) -> rs.getLong(1))).isEmpty();
        assertThat(queue.find(street, DataScope.none(), "id", (rs, row) -> rs.getLong(1))).isEmpty();
        assertThat(queue.find(street, DataScope.all(), "id", (rs, row) -> rs.getLong(1))).contains(street);
    }
}
