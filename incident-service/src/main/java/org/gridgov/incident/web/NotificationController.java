package org.gridgov.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.gridgov.incident.IncidentNotifications;
import org.gridgov.incident.IncidentNotifications.NotificationView;
import org.gridgov.shared.PageResult;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's inbox of incident notifications, for the mobile apps. */
@RestController
@Tag(name = "Incidents")
class NotificationController {

    private final IncidentNotifications notifications;

    NotificationController(IncidentNotifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/me/notifications")
    @Operation(summary = "My notifications", description = "What happened to my reports (accepted, a question for "
            + "me, resolved, merged and its outcome) and, for department staff, summons. Newest first; "
            + "`unread=true` for the unread ones only.")
    PageResult<NotificationView> mine(@RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return notifications.mine(unread, Math.max(0, page), Math.min(Math.max(1, size), PageResult.MAX_SIZE));
    }

    @PostMapping("/api/v1/me/notifications/{id}/read")
    @Operation(summary = "Mark a notification read", description = "Only one's own; idempotent.")
    ResponseEntity<Void> read(@PathVariable long id) {
        notifications.markRead(id);
        return ResponseEntity.noContent().build();
    }
}
