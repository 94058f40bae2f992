package org.gridgov.shared.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.shared.PageResult;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's one queue of background jobs, over a {@link JobTable}: grid imports and resident imports run on
 * it. Every application node polls ({@link #drain(JobHandler)} from the module's {@code @Scheduled} method); a job is
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so it runs on exactly one node without a lock held while it runs.
 * Progress and a heartbeat are written in their own short transactions, so the API shows them while the job's own
 * work is still uncommitted; a RUNNING job without a heartbeat for {@value #STALE_MINUTES} minutes (its node died)
 * is claimed again. A job ends SUCCEEDED with its results or FAILED with its error report, and its payload is
 * cleared either way.
 * <p>
 * Jobs carry the submitter's data scope: they run within it and are visible ({@link #find}, {@link #page}) only to
 * callers whose scope covers it — a city-wide job to city-wide callers only.
 */
public final class JobQueue {

    /** Minutes without a heartbeat after which a RUNNING job's node is taken for dead and the job is claimed again. */
    public static final int STALE_MINUTES = 2;
    /** A failed job reports at most this many errors (its error count counts all). */
    public static final int MAX_REPORTED_ERRORS = 1000;

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);

    private final JobTable table;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final JsonMapper json;
    private final String nodeName;

    JobQueue(JobTable table, JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json,
            String nodeName) {
        this.table = table;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.nodeName = nodeName;
    }

    /** A job this node has claimed: its id and the data scope it was submitted in. */
    public record ClaimedJob(long id, DataScope scope) {
    }

    /** What a node does with a claimed job: everything up to {@link #succeed} or {@link #fail}. */
    @FunctionalInterface
    public interface JobHandler {
        void run(ClaimedJob job);
    }

    public JobTable table() {
        return table;
    }

    // ---------------------------------------------------------------- submitting and reading

    /** Queues a job with its module columns, submitted by {@code submittedBy} in {@code scope}; returns its id. */
    public long submit(JobColumns columns, String submittedBy, DataScope scope) {
        List<Object> args = new ArrayList<>(columns.args());
        args.add(submittedBy);
        args.add(scope.nodeId());
        args.add(scope.path());
        return jdbc.queryForObject("insert into " + table.table() + " (" + columns.insertColumns()
                + "status, submitted_by, scope_node_id, scope_path) values (" + columns.insertValues()
                + "'QUEUED', ?, ?, ?) returning id", Long.class, args.toArray());
    }

    /** A job visible in {@code scope}, read with the given select list. */
    public <T> Optional<T> find(long id, DataScope scope, String selectList, RowMapper<T> mapper) {
        SqlPredicate visible = visible(scope);
        return jdbc.query("select " + selectList + " from " + table.table() + " where id = ? and " + visible.sql(),
                mapper, visible.argsAfter(id)).stream().findFirst();
    }

    /** The jobs visible in {@code scope}, newest first. */
    public <T> PageResult<T> page(DataScope scope, String selectList, RowMapper<T> mapper, int page, int size) {
        SqlPredicate visible = visible(scope);
        Long total = jdbc.queryForObject("select count(*) from " + table.table() + " where " + visible.sql(),
                Long.class, visible.array());
        List<T> items = jdbc.query("select " + selectList + " from " + table.table() + " where " + visible.sql()
                + " order by id desc limit ? offset ?", mapper, visible.argsBefore(size, (long) page * size));
        return PageResult.of(items, page, size, total == null ? 0 : total);
    }

    /** A job is visible to those whose scope covers the scope it was submitted in. */
    private static SqlPredicate visible(DataScope scope) {
        return scope.sql("scope_path");
    }

    // ---------------------------------------------------------------- running

    /** Runs waiting jobs until none is left; a failure of the queue itself is logged and retried at the next poll. */
    public void drain(JobHandler handler) {
        try {
            while (runNext(handler)) {
                // keep going while there is work
            }
        }
        catch (RuntimeException ex) {
            log.warn("{} poll failed; will retry: {}", table.name(), ex.getMessage());
        }
    }

    /** Claims one job and runs it here; false when none is waiting. */
    public boolean runNext(JobHandler handler) {
        Optional<ClaimedJob> claimed = claimNext();
        claimed.ifPresent(handler::run);
        return claimed.isPresent();
    }

    /**
     * Claims the oldest queued job, or a running one whose node stopped sending heartbeats, for this node: RUNNING,
     * in the first phase, nothing done.
     */
    public Optional<ClaimedJob> claimNext() {
        StringBuilder reset = new StringBuilder();
        table.resetOnClaim().forEach(column -> reset.append(column).append(" = 0, "));
        return jdbc.query("update " + table.table() + " set status = 'RUNNING', claimed_by = ?, heartbeat_at = now(), "
                + "phase = ?, done = 0, " + reset + "started_at = coalesce(started_at, now())"
                + " where id = (select id from " + table.table()
                + " where status = 'QUEUED' or (status = 'RUNNING' and heartbeat_at < now() - make_interval(mins => ?))"
                + " order by id limit 1 for update skip locked)"
                + " returning id, scope_node_id, scope_path", (rs, row) -> {
                    String path = rs.getString("scope_path");
                    return new ClaimedJob(rs.getLong("id"),
                            path == null ? DataScope.all() : DataScope.subtree(rs.getLong("scope_node_id"), path));
                }, nodeName, table.firstPhase(), STALE_MINUTES).stream().findFirst();
    }

    /** The job's node is alive (in its own transaction, visible at once). */
    public void heartbeat(long id) {
        ownTransaction.executeWithoutResult(status -> jdbc.update("update " + table.table()
                + " set heartbeat_at = now() where id = ?", id));
    }

    /**
     * The job is in {@code phase} with {@code done} of {@code total} (the total never shrinks), and alive; in its own
     * transaction, visible at once.
     */
    public void progress(long id, String phase, int done, int total) {
        progress(id, phase, done, JobColumns.none().setSql("total", "greatest(total, ?)", total));
    }

    /** The job is in {@code phase} with {@code done}, its module's progress columns as given, and alive. */
    public void progress(long id, String phase, int done, JobColumns more) {
        List<Object> args = new ArrayList<>(List.of(phase, done));
        args.addAll(more.args());
        args.add(id);
        ownTransaction.executeWithoutResult(status -> jdbc.update("update " + table.table() + " set phase = ?, done = ?"
                + more.assignments() + ", heartbeat_at = now() where id = ?", args.toArray()));
    }

    /** The job ends SUCCEEDED with its module's result columns. */
    public void succeed(long id, JobColumns results) {
        List<Object> args = new ArrayList<>(results.args());
        args.add(id);
        jdbc.update("update " + table.table() + " set status = 'SUCCEEDED'" + results.assignments()
                + ", finished_at = now(), " + table.payloadColumn() + " = null where id = ?", args.toArray());
    }

    /**
     * The job ends FAILED with its error report: all {@code errors}, or the first {@value #MAX_REPORTED_ERRORS} of
     * them, or only a {@code failure} when it broke for a reason of its own.
     */
    public void fail(long id, List<?> errors, String failure) {
        fail(id, errors.size() > MAX_REPORTED_ERRORS ? errors.subList(0, MAX_REPORTED_ERRORS) : errors, errors.size(),
                failure);
    }

    /** The job ends FAILED reporting {@code reported} of its {@code errorCount} errors. */
    public void fail(long id, List<?> reported, int errorCount, String failure) {
        jdbc.update("update " + table.table() + " set status = 'FAILED', error_count = ?, errors = cast(? as jsonb), "
                + "failure = ?, finished_at = now(), " + table.payloadColumn() + " = null where id = ?", errorCount,
                json.writeValueAsString(reported), failure, id);
    }
}
