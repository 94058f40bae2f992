package org.gridgov.platform.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Routes each connection to the primary or the read replica. Wrapped in a
 * {@link org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy}, so the choice is made at the first
 * statement, when the transaction's read-only flag is known: a read-only transaction goes to the replica unless
 * <ul>
 * <li>the thread is {@linkplain #pinToPrimary() pinned to the primary} (a request that writes, or that follows a
 * write of the same client within the staleness bound: read-your-own-writes), or</li>
 * <li>the replica is not known to be at most {@code maxLag} behind (down, lagging, or not yet checked).</li>
 * </ul>
 * Everything else (writes, work outside a transaction such as Flyway, ShedLock, the job queue) goes to the primary.
 * <p>
 * Freshness is measured, not assumed: every {@code checkInterval} the primary's WAL position is sampled and the
 * replica's replayed position read; the replica is fresh as of the newest sample it has replayed past. So a read on
 * the replica sees every commit older than {@code maxLag} (plus at most one check interval).
 */
public class ReplicaRouting extends AbstractRoutingDataSource {

    enum Target { PRIMARY, REPLICA }

    private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);
    private static final ThreadLocal<Boolean> PINNED = new ThreadLocal<>();

    private final JdbcTemplate primary;
    private final JdbcTemplate replica;
    private final Duration maxLag;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile Instant freshAsOf;
    private volatile boolean warnedNotStandby;
    private ScheduledExecutorService checker;

    record Sample(Instant at, long lsn) {
    }

    public ReplicaRouting(DataSource primary, DataSource replica, Duration maxLag, Clock clock) {
        this.primary = new JdbcTemplate(primary);
        this.replica = new JdbcTemplate(replica);
        this.maxLag = maxLag;
        this.clock = clock;
        setTargetDataSources(Map.of(Target.PRIMARY, primary, Target.REPLICA, replica));
        setDefaultTargetDataSource(primary);
        afterPropertiesSet();
    }

    /** Runs the freshness check every {@code interval} on a daemon thread of its own (each node checks for itself). */
    public void startChecking(Duration interval) {
        checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replica-lag-check");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stopChecking() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    /** Sends this thread's read-only transactions to the primary until {@link #unpin()}. */
    public static void pinToPrimary() {
        PINNED.set(Boolean.TRUE);
    }

    public static void unpin() {
        PINNED.remove();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return target();
    }

    Target target() {
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly() && PINNED.get() == null && fresh()) {
            return Target.REPLICA;
        }
        return Target.PRIMARY;
    }

    /** Whether the replica is known to be within the staleness bound now. */
    public boolean fresh() {
        Instant asOf = freshAsOf;
        return asOf != null && !asOf.isBefore(clock.instant().minus(maxLag));
    }

    /** The replica's current lag as measured (null while unknown). */
    public Duration lag() {
        Instant asOf = freshAsOf;
        return asOf == null ? null : Duration.between(asOf, clock.instant());
    }

    private void checkQuietly() {
        try {
            check();
        }
        catch (RuntimeException ex) {
            freshAsOf = null;
            log.warn("Read replica unreachable; reads go to the primary: {}", ex.getMessage());
        }
    }

    /** One freshness check: sample the primary's WAL position, then read how far the replica has replayed. */
    synchronized void check() {
        Instant now = clock.instant();
        Long primaryLsn = primary.queryForObject("select pg_current_wal_lsn() - '0/0'::pg_lsn", Long.class);
        Map<String, Object> standby = replica.queryForMap(
                "select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn() - '0/0'::pg_lsn as replayed");
        if (!Boolean.TRUE.equals(standby.get("standby"))) {
            // a separate database, not a standby (a test, or a replica promoted): no WAL to compare
            if (!warnedNotStandby) {
                warnedNotStandby = true;
                log.warn("The read replica is not a standby (pg_is_in_recovery() is false): no lag check is possible");
            }
            freshAsOf = now;
            return;
        }
        long replayed = standby.get("replayed") == null ? -1 : ((Number) standby.get("replayed")).longValue();
        record(now, primaryLsn == null ? 0 : primaryLsn, replayed);
    }

    /** Takes the primary's position at {@code now} and the replica's replayed position (read after it). */
    synchronized void record(Instant now, long primaryLsn, long replayedLsn) {
        samples.addLast(new Sample(now, primaryLsn));
        Instant asOf = freshAsOf(replayedLsn);
        // a replica stuck far behind: forget samples older than twice the bound (it is stale either way)
        while (samples.size() > 1 && samples.peekFirst().at().isBefore(now.minus(maxLag.multipliedBy(2)))) {
            samples.removeFirst();
        }
        freshAsOf = asOf;
    }

    /** The time of the newest sample the replica has replayed past (null: none), dropping older samples. */
    private Instant freshAsOf(long replayedLsn) {
        Instant asOf = null;
        for (Sample sample : samples) {
            if (sample.lsn() <= replayedLsn) {
                asOf = sample.at();
            }
        }
        while (samples.size() > 1 && asOf != null && samples.peekFirst().at().isBefore(asOf)) {
            samples.removeFirst();
        }
        return asOf == null ? freshAsOf : asOf;
    }
}
