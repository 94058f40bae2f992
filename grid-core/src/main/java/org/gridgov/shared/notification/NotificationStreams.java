package org.gridgov.shared.notification;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.shared.cluster.ClusterEvents;
import org.gridgov.shared.cluster.ClusterListener;
import org.gridgov.shared.notification.NotificationInbox.Addressed;
import org.gridgov.shared.notification.NotificationInbox.NotificationView;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream of each person's notifications (Server-Sent Events), on whichever node they are connected to.
 * <p>
 * Every notification written is announced on the cluster channel {@value #CHANNEL} (PostgreSQL NOTIFY, delivered
 * to every node when the writing transaction commits, never when it rolls back) with ids only: the notification's id
 * and its recipient (account, role at a node, or department). A node looks the recipient up among the streams it
 * holds — one hash lookup, on the cluster-events dispatch thread; a notification for nobody connected here costs
 * nothing more — and only when someone here is reached does it read the notification (on the primary) and push it,
 * on this class's own thread, so the listening connection is never held up by a slow client or a query.
 * <p>
 * Each event's {@code id} is the notification's id: a client that reconnects with {@code Last-Event-ID} — to any
 * node, after the one it was on died — first receives everything addressed to it since (what was written while it
 * was away included), then the live ones. When the node's listening connection was lost and is back, every stream
 * here is topped up from the table the same way. Kinds the person turned off are not streamed (they stay in the
 * inbox). A comment line every {@code heartbeat} keeps proxies from closing an idle stream.
 */
@Component
public class NotificationStreams implements DisposableBean {

    /** The cluster channel announcing written notifications: payload {@code id:recipient}, see {@link #announcement}. */
    static final String CHANNEL = "notification";

    private static final Logger log = LoggerFactory.getLogger(NotificationStreams.class);

    private final NotificationInbox inbox;
    private final Duration timeout;
    /** The streams held here, by every recipient that reaches their caller (see {@link Recipient#reaching}). */
    private final Map<Recipient, Set<Subscriber>> byRecipient = new ConcurrentHashMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "notification-stream");
        thread.setDaemon(true);
        return thread;
    });

    NotificationStreams(NotificationInbox inbox, ClusterEvents cluster,
            @Value("${gridgov.notifications.stream-timeout:PT30M}") Duration timeout,
            @Value("${gridgov.notifications.stream-heartbeat:PT15S}") Duration heartbeat) {
        this.inbox = inbox;
        this.timeout = timeout;
        cluster.subscribe(CHANNEL, new ClusterListener() {
            @Override
            public void onEvent(String payload) {
                announced(payload);
            }

            @Override
            public void onResynchronise() {
                execute(NotificationStreams.this::topUp);
            }
        });
        worker.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static final class Subscriber {
        final Caller caller;
        final SseEmitter emitter;
        final long floor;
        final Set<NotificationKind> muted;
        final Set<Long> sent = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > 2_000;
            }
        });
        /** The newest id pushed (or the floor): a top-up resumes after it. */
        long newest;

        Subscriber(Caller caller, SseEmitter emitter, long floor, Set<NotificationKind> muted) {
            this.caller = caller;
            this.emitter = emitter;
            this.floor = floor;
            this.muted = muted;
            this.newest = floor;
        }
    }

    /**
     * Opens a stream for the caller; {@code lastEventId} (the header a reconnecting EventSource sends) replays what
     * came since.
     */
    public SseEmitter subscribe(Caller caller, String lastEventId) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Long resumeAfter = parse(lastEventId);
        long floor = resumeAfter != null ? resumeAfter : inbox.newestId();
        Subscriber subscriber = new Subscriber(caller, emitter, floor, inbox.muted(caller.accountId()));
        emitter.onCompletion(() -> remove(subscriber));
        emitter.onTimeout(() -> remove(subscriber));
        emitter.onError(e -> remove(subscriber));
        try {
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(3_000));
            synchronized (subscriber) {
                // registered before the replay is read: what commits after the read is announced to it
                add(subscriber);
                if (resumeAfter != null) {
                    for (NotificationView view : inbox.since(caller, resumeAfter, 1_000)) {
                        send(subscriber, view);
                    }
                }
            }
        }
        catch (IOException | IllegalStateException ex) {
            remove(subscriber);
            emitter.completeWithError(ex);
        }
        return emitter;
    }

    /** How many streams this node serves now. */
    public int connected() {
        return subscribers.size();
    }

    private void add(Subscriber subscriber) {
        subscribers.add(subscriber);
        for (Recipient recipient : Recipient.reaching(subscriber.caller)) {
            // added inside compute: a concurrent remove cannot drop the set between its lookup and the add
            byRecipient.compute(recipient, (r, set) -> {
                Set<Subscriber> streams = set != null ? set : ConcurrentHashMap.<Subscriber>newKeySet();
                streams.add(subscriber);
                return streams;
            });
        }
    }

    private void remove(Subscriber subscriber) {
        subscribers.remove(subscriber);
        for (Recipient recipient : Recipient.reaching(subscriber.caller)) {
            byRecipient.computeIfPresent(recipient, (r, set) -> {
                set.remove(subscriber);
                return set.isEmpty() ? null : set;
            });
        }
    }

    // ------------------------------------------------------------------ the announcements

    /** The payload announcing notification {@code id} for {@code recipient}: ids only, a few dozen bytes. */
    static String announcement(long id, Recipient recipient) {
        return id + addressSuffix(recipient);
    }

    /** What follows the id in an {@linkplain #announcement announcement}: {@code :A:42}, {@code :R:ROLE:7}, ... */
    static String addressSuffix(Recipient recipient) {
        return switch (recipient.kind()) {
            case ACCOUNT -> ":A:" + recipient.accountId();
            case ROLE_AT_NODE -> ":R:" + recipient.role().name() + ":" + recipient.nodeId();
            case DEPARTMENT -> ":D:" + recipient.departmentId();
        };
    }

    /** An announced notification: its id and recipient. */
    record Announced(long id, Recipient recipient) {
    }

    /** The announcement read back; empty when it is not one (a foreign or garbled payload). */
    static Optional<Announced> readAnnouncement(String payload) {
        try {
            String[] part = payload.split(":");
            long id = Long.parseLong(part[0]);
            Recipient recipient = switch (part[1]) {
                case "A" -> Recipient.account(Long.parseLong(part[2]));
                case "R" -> Recipient.roleAt(Role.valueOf(part[2]), Long.parseLong(part[3]));
                case "D" -> Recipient.department(Long.parseLong(part[2]));
                default -> null;
            };
            return Optional.ofNullable(recipient).map(r -> new Announced(id, r));
        }
        catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    /** On the cluster-events dispatch thread: one lookup; work only when a stream here is reached. */
    private void announced(String payload) {
        Optional<Announced> announced = readAnnouncement(payload);
        if (announced.isEmpty()) {
            log.debug("Notification stream: ignored announcement {}", payload);
            return;
        }
        Set<Subscriber> reached = byRecipient.get(announced.get().recipient());
        if (reached == null || reached.isEmpty()) {
            return;
        }
        long id = announced.get().id();
        execute(() -> deliver(id));
    }

    /** On the stream thread: reads the notification once and pushes it to every stream here it reaches. */
    private void deliver(long id) {
        Optional<Addressed> addressed = inbox.addressed(id);
        if (addressed.isEmpty()) {
            return; // deleted by retention meanwhile
        }
        Recipient recipient = addressed.get().recipient();
        NotificationView view = addressed.get().view();
        Set<Subscriber> reached = byRecipient.getOrDefault(recipient, Set.of());
        log.debug("Notification {} for {} to {} streams", id, recipient, reached.size());
        for (Subscriber subscriber : reached) {
            synchronized (subscriber) {
                if (view.id() > subscriber.floor && recipient.reaches(subscriber.caller)) {
                    send(subscriber, view);
                }
            }
        }
    }

    /** Announcements may have been lost: every stream here gets what was written for it after its newest event. */
    private void topUp() {
        for (Subscriber subscriber : subscribers) {
            try {
                synchronized (subscriber) {
                    for (NotificationView view : inbox.since(subscriber.caller, subscriber.newest, 1_000)) {
                        send(subscriber, view);
                    }
                }
            }
            catch (RuntimeException ex) {
                log.warn("Notification stream top-up of {} failed: {}", subscriber.caller.username(), ex.toString());
            }
        }
    }

    private void execute(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                }
                catch (RuntimeException ex) {
                    log.warn("Notification stream delivery failed: {}", ex.toString());
                }
            });
        }
        catch (RejectedExecutionException ex) {
            // shutting down
        }
    }

    private void beat() {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter.send(SseEmitter.event().comment("keep-alive"));
            }
            catch (IOException | IllegalStateException ex) {
                remove(subscriber);
            }
        }
    }

    private void send(Subscriber subscriber, NotificationView view) {
        subscriber.newest = Math.max(subscriber.newest, view.id());
        if (!subscriber.sent.add(view.id()) || subscriber.muted.contains(view.kind())) {
            return;
        }
        try {
            subscriber.emitter.send(SseEmitter.event().id(Long.toString(view.id())).name("notification")
                .data(view, MediaType.APPLICATION_JSON));
        }
        catch (IOException | IllegalStateException ex) {
            log.debug("Notification stream of {} closed: {}", subscriber.caller.username(), ex.toString());
            remove(subscriber);
        }
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.strip());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        subscribers.forEach(s -> s.emitter.complete());
    }
}
