package org.gridgov.shared.notification;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.shared.notification.NotificationInbox.Addressed;
import org.gridgov.shared.notification.NotificationInbox.NotificationView;
import org.gridgov.shared.security.Caller;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream of each person's notifications (Server-Sent Events): what is written for them is pushed within the
 * poll interval, on whichever node they are connected to — every node polls the notification table while it has
 * listeners, so a notification written on another node reaches them too. Each event's {@code id} is the
 * notification's id: a client that reconnects with {@code Last-Event-ID} first receives everything addressed to it
 * since (also what was written while it was away), then the live ones. Kinds the person turned off are not streamed
 * (they stay in the inbox). A comment line every {@code heartbeat} keeps proxies from closing an idle stream.
 */
@Component
public class NotificationStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationStreams.class);
    /** A notification committed this long after its row was numbered (a slow transaction) is still streamed. */
    private static final int LOOK_BACK_SECONDS = 60;

    private final NotificationInbox inbox;
    private final Duration timeout;
    private final Duration heartbeat;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "notification-stream");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long newestSeen;

    NotificationStreams(NotificationInbox inbox,
            @Value("${gridgov.notifications.stream-poll-interval:PT0.5S}") Duration poll,
            @Value("${gridgov.notifications.stream-timeout:PT30M}") Duration timeout,
            @Value("${gridgov.notifications.stream-heartbeat:PT15S}") Duration heartbeat) {
        this.inbox = inbox;
        this.timeout = timeout;
        this.heartbeat = heartbeat;
        poller.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
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

        Subscriber(Caller caller, SseEmitter emitter, long floor, Set<NotificationKind> muted) {
            this.caller = caller;
            this.emitter = emitter;
            this.floor = floor;
            this.muted = muted;
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
        newestSeen = Math.max(newestSeen, floor);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        try {
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(3_000));
            synchronized (subscriber) {
                subscribers.add(subscriber);
                if (resumeAfter != null) {
                    for (NotificationView view : inbox.since(caller, resumeAfter, 1_000)) {
                        send(subscriber, view);
                    }
                }
            }
        }
        catch (IOException | IllegalStateException ex) {
            subscribers.remove(subscriber);
            emitter.completeWithError(ex);
        }
        return emitter;
    }

    /** How many streams this node serves now. */
    public int connected() {
        return subscribers.size();
    }

    void poll() {
        if (subscribers.isEmpty()) {
            return;
        }
        try {
            List<Addressed> recent = inbox.recent(newestSeen, LOOK_BACK_SECONDS, 5_000);
            log.debug("Notification stream poll: {} rows after {} for {} streams", recent.size(), newestSeen,
                    subscribers.size());
            for (Addressed addressed : recent) {
                newestSeen = Math.max(newestSeen, addressed.view().id());
            }
            for (Subscriber subscriber : subscribers) {
                synchronized (subscriber) {
                    for (Addressed addressed : recent) {
                        if (addressed.view().id() > subscriber.floor && addressed.recipient().reaches(subscriber.caller)) {
                            send(subscriber, addressed.view());
                        }
                    }
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Notification stream poll failed: {}", ex.toString());
        }
    }

    private void beat() {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter.send(SseEmitter.event().comment("keep-alive"));
            }
            catch (IOException | IllegalStateException ex) {
                subscribers.remove(subscriber);
            }
        }
    }

    private void send(Subscriber subscriber, NotificationView view) {
        if (!subscriber.sent.add(view.id()) || subscriber.muted.contains(view.kind())) {
            return;
        }
        try {
            subscriber.emitter.send(SseEmitter.event().id(Long.toString(view.id())).name("notification")
                .data(view, MediaType.APPLICATION_JSON));
        }
        catch (IOException | IllegalStateException ex) {
            log.debug("Notification stream of {} closed: {}", subscriber.caller.username(), ex.toString());
            subscribers.remove(subscriber);
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

    /**
     * On this node, a notification is pushed as soon as its transaction commits; the poll brings those written on
     * other nodes. A plain listener that registers its own after-commit step rather than a
     * {@code @TransactionalEventListener}: Spring Modulith records a publication (three statements on the request's
     * connection) for every transactional listener, and a push to this node's open streams needs no such record — the
     * poll is its safety net.
     */
    @org.springframework.context.event.EventListener
    void on(org.gridgov.shared.event.NotificationCreated created) {
        if (subscribers.isEmpty()) {
            return;
        }
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            push(created);
                        }
                    });
        }
        else {
            push(created);
        }
    }

    private void push(org.gridgov.shared.event.NotificationCreated created) {
        if (subscribers.isEmpty()) {
            return;
        }
        log.debug("Notification {} for {} to {} streams", created.notificationId(), created.recipient(),
                subscribers.size());
        NotificationView view = new NotificationView(created.notificationId(), created.kind(), created.message(),
                created.subjectType(), created.subjectId(), created.subjectRef(), created.createdAt(), false, null);
        for (Subscriber subscriber : subscribers) {
            synchronized (subscriber) {
                if (view.id() > subscriber.floor && created.recipient().reaches(subscriber.caller)) {
                    send(subscriber, view);
                }
            }
        }
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        subscribers.forEach(s -> s.emitter.complete());
    }
}
