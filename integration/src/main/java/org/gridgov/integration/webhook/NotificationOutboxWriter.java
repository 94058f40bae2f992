package org.gridgov.integration.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import org.gridgov.shared.event.NotificationCreated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code notification.created} webhooks, written to the outbox in the transaction that wrote the notification, so a
 * city's SMS / 企业微信 / 钉钉 gateway delivers exactly what the inbox holds. The recipient is an account id, a role at a
 * grid node or a department id — the gateway maps them to phone numbers or work accounts; never a name or a login.
 */
@Component
class NotificationOutboxWriter {

    private final Outbox outbox;

    NotificationOutboxWriter(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(NotificationCreated created) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("kind", created.recipient().kind().name());
        recipient.put("accountId", created.recipient().accountId());
        recipient.put("role", created.recipient().role() == null ? null : created.recipient().role().name());
        recipient.put("nodeId", created.recipient().nodeId());
        recipient.put("departmentId", created.recipient().departmentId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notificationId", created.notificationId());
        data.put("kind", created.kind().name());
        data.put("recipient", recipient);
        data.put("message", created.message());
        data.put("subjectType", created.subjectType());
        data.put("subjectId", created.subjectId());
        data.put("subjectRef", created.subjectRef());
        outbox.append(WebhookEventType.NOTIFICATION_CREATED, "notification:" + created.notificationId(),
                created.gridPath(), created.createdAt(), data);
    }
}
