package org.gridgov.shared.notification;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.notification.NotificationInbox.NotificationView;
import org.gridgov.shared.notification.NotificationInbox.Preferences;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The caller's notifications: inbox, read marks, stream preferences and the live stream. */
@RestController
@Tag(name = "Notifications")
class NotificationController {

    private final NotificationInbox inbox;
    private final NotificationStreams streams;
    private final CallerProvider callers;

    NotificationController(NotificationInbox inbox, NotificationStreams streams, CallerProvider callers) {
        this.inbox = inbox;
        this.streams = streams;
        this.callers = callers;
    }

    @GetMapping("/api/v1/me/notifications")
    @Operation(summary = "My notifications", description = "Everything addressed to my account, to my role at the "
            + "grid node I serve, or to my department — newest first; `unread=true` for the unread ones only.")
    PageResult<NotificationView> mine(@RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (size > PageResult.MAX_SIZE) {
            throw DomainException.invalidField("request.validation-failed", "size",
                    "size is at most " + PageResult.MAX_SIZE);
        }
        return inbox.mine(unread, Math.max(0, page), Math.max(1, size));
    }

    @GetMapping("/api/v1/me/notifications/unread-count")
    @Operation(summary = "How many of my notifications are unread", description = "`{\"unread\":3}`: the number on "
            + "the bell; cheap enough to ask on every page.")
    Map<String, Long> unreadCount() {
        return Map.of("unread", inbox.unreadCount());
    }

    @PostMapping("/api/v1/me/notifications/{id}/read")
    @Operation(summary = "Mark a notification read", description = "Only one's own; idempotent.")
    ResponseEntity<Void> read(@PathVariable long id) {
        inbox.markRead(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/me/notifications/read-all")
    @Operation(summary = "Mark all my notifications read", description = "Answers how many were marked; "
            + "idempotent (a second call marks 0).")
    Map<String, Integer> readAll() {
        return Map.of("marked", inbox.markAllRead());
    }

    @GetMapping("/api/v1/me/notifications/preferences")
    @Operation(summary = "Which kinds of notification are streamed to me", description = "Per kind, whether "
            + "it is pushed on the live stream; every kind lands in the inbox regardless.")
    Preferences preferences() {
        return inbox.preferences();
    }

    @PutMapping("/api/v1/me/notifications/preferences")
    @Operation(summary = "Choose which kinds are streamed", description = "`{\"stream\":{\"INCIDENT_URGED\":false}}`; "
            + "kinds not named keep their setting. Every kind still lands in the inbox.")
    Preferences updatePreferences(@RequestBody Preferences preferences) {
        if (preferences == null || preferences.stream() == null) {
            throw DomainException.invalidField("request.validation-failed", "stream", "Name the kinds to set");
        }
        return inbox.updatePreferences(preferences.stream());
    }

    @GetMapping(path = "/api/v1/me/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "My notifications, live (Server-Sent Events)", description = "Each event is `notification` "
            + "with the notification as JSON and its id as the event id; reconnect with `Last-Event-ID` to receive "
            + "what came meanwhile.")
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            jakarta.servlet.http.HttpServletRequest request) {
        // a stream, never buffered whole for an ETag
        org.springframework.web.filter.ShallowEtagHeaderFilter.disableContentCaching(request);
        Caller caller = callers.current();
        if (caller == null) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "auth.unauthenticated",
                    "Authentication is required");
        }
        return streams.subscribe(caller, lastEventId);
    }
}
