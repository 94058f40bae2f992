package org.gridgov.shared.cluster;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publish and subscribe across the application nodes through PostgreSQL {@code LISTEN/NOTIFY}.
 * <p>
 * <b>Publishing</b> inside a read-write transaction issues {@code pg_notify} on the transaction's own connection:
 * PostgreSQL delivers it when that transaction commits and drops it when it rolls back, so listeners never see a
 * change that did not happen and always see it after it is visible. Inside a read-only transaction (which may run
 * on a replica, where NOTIFY is refused) it is sent from a new primary transaction after the commit; outside any
 * transaction at once.
 * <p>
 * <b>Listening</b>: each node keeps one dedicated connection (not from the pool) on the primary, opened by the
 * {@link Connector}; it {@code LISTEN}s to every subscribed channel and hands notifications to a single dispatch
 * thread. When the connection breaks it is reopened with a growing back-off (up to {@link #MAX_BACKOFF}), the
 * channels are listened to again and every listener is told to {@linkplain ClusterListener#onResynchronise()
 * resynchronise}, since what was published meanwhile is lost.
 * <p>
 * Channels are lower-case identifiers ({@value #CHANNEL_PATTERN}); payloads are at most {@value #MAX_PAYLOAD_BYTES}
 * bytes of UTF-8 (PostgreSQL allows 8000; ids only, so a burst stays cheap in its notification queue).
 */
public class ClusterEvents implements SmartLifecycle {

    static final String CHANNEL_PATTERN = "[a-z][a-z0-9_]{0,62}";
    static final int MAX_PAYLOAD_BYTES = 1000;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private static final Pattern CHANNEL = Pattern.compile(CHANNEL_PATTERN);
    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);

    /** Opens the dedicated listening connection (a PostgreSQL connection to the primary). */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate afterCommit;
    private final Connector connector;
    private final Duration pollInterval;
    private final Map<String, List<ClusterListener>> listeners = new ConcurrentHashMap<>();
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    /** Made anew by every {@link #start()}: a lifecycle may be stopped and started again (a paused test context). */
    private volatile ExecutorService dispatch = newDispatch();

    private volatile boolean running;
    private volatile Thread listener;
    private volatile Connection connection;
    private volatile int backendPid;

    public ClusterEvents(JdbcTemplate jdbc, PlatformTransactionManager transactions, Connector connector,
            Duration pollInterval) {
        this.jdbc = jdbc;
        this.afterCommit = new TransactionTemplate(transactions);
        this.afterCommit.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.connector = connector;
        this.pollInterval = pollInterval;
    }

    /**
     * Publishes {@code payload} on {@code channel} to every node, this one included: at the commit of the current
     * transaction (never when it rolls back), or at once outside a transaction.
     */
    public void publish(String channel, String payload) {
        requireChannel(channel);
        String body = payload == null ? "" : payload;
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("Cluster event payloads are ids, at most " + MAX_PAYLOAD_BYTES
                    + " bytes; got " + body.length() + " characters on " + channel);
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.executeWithoutResult(status -> sendNotification(channel, body));
                }
            });
            return;
        }
        sendNotification(channel, body);
    }

    /**
     * Runs {@code action} after the current transaction commits (never when it rolls back), or at once outside a
     * transaction: how a node drops what it keeps after its own change, without waiting for its announcement.
     */
    public static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
        else {
            action.run();
        }
    }

    /**
     * Calls {@code listener} with every event published on {@code channel} from now on (within the poll interval:
     * the channel is listened to by the listening thread). The returned handle unsubscribes.
     */
    public AutoCloseable subscribe(String channel, ClusterListener listener) {
        requireChannel(channel);
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(channel, List.of()).remove(listener);
    }

    /** Whether this node's connection listens to {@code channel} now (events published from now on arrive). */
    public boolean listening(String channel) {
        return listening.contains(channel);
    }

    /** The server process of the listening connection (0 while disconnected): for operators and tests. */
    public int backendPid() {
        return backendPid;
    }

    private void sendNotification(String channel, String payload) {
        jdbc.query("select pg_notify(?, ?)", rs -> {
        }, channel, payload);
    }

    private static void requireChannel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("A cluster channel is a lower-case identifier (" + CHANNEL_PATTERN
                    + "): " + channel);
        }
    }

    // ------------------------------------------------------------------ the listening thread

    private void run() {
        long backoffMillis = 100;
        boolean reconnecting = false;
        while (running) {
            try (Connection open = connector.open()) {
                connection = open;
                open.setAutoCommit(true);
                PGConnection pg = open.unwrap(PGConnection.class);
                backendPid = pg.getBackendPID();
                listening.clear();
                listenToNewChannels(open);
                if (reconnecting) {
                    log.info("Cluster events: listening again (pid {}); listeners resynchronise", backendPid);
                    listeners.values().forEach(list -> list.forEach(l -> dispatch.execute(() -> resynchronise(l))));
                }
                backoffMillis = 100;
                long lastCheck = System.nanoTime();
                while (running) {
                    listenToNewChannels(open);
                    PGNotification[] notifications = pg.getNotifications((int) pollInterval.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getName(), notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - lastCheck > Duration.ofSeconds(10).toNanos()) {
                        if (!open.isValid(5)) {
                            throw new SQLException("listening connection no longer valid");
                        }
                        lastCheck = System.nanoTime();
                    }
                }
            }
            catch (SQLException | RuntimeException ex) {
                if (!running) {
                    break;
                }
                log.warn("Cluster events: listening connection lost ({}); reconnecting in {} ms", ex.getMessage(),
                        backoffMillis);
                reconnecting = true;
            }
            finally {
                connection = null;
                backendPid = 0;
                listening.clear();
            }
            if (running) {
                try {
                    Thread.sleep(backoffMillis);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private void listenToNewChannels(Connection open) throws SQLException {
        for (String channel : listeners.keySet()) {
            if (!listening.contains(channel)) {
                try (Statement statement = open.createStatement()) {
                    // the channel matched CHANNEL_PATTERN: a plain identifier, safe to quote
                    statement.execute("listen \"" + channel + "\"");
                }
                listening.add(channel);
            }
        }
    }

    private void deliver(String channel, String payload) {
        for (ClusterListener l : listeners.getOrDefault(channel, List.of())) {
            dispatch.execute(() -> {
                try {
                    l.onEvent(payload);
                }
                catch (RuntimeException ex) {
                    log.warn("Cluster event listener on {} failed: {}", channel, ex.toString());
                }
            });
        }
    }

    private static void resynchronise(ClusterListener listener) {
        try {
            listener.onResynchronise();
        }
        catch (RuntimeException ex) {
            log.warn("Cluster event listener failed to resynchronise: {}", ex.toString());
        }
    }

    // ------------------------------------------------------------------ lifecycle

    private static ExecutorService newDispatch() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-events-dispatch");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {
        if (dispatch.isShutdown()) {
            dispatch = newDispatch();
        }
        running = true;
        Thread thread = new Thread(this::run, "cluster-events-listener");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            }
            catch (SQLException ex) {
                // closing anyway
            }
        }
        dispatch.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
