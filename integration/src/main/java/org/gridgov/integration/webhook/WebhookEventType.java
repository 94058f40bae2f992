package org.gridgov.integration.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The event types an integrator can subscribe to; {@link #code()} is what appears in subscriptions and payloads. */
public enum WebhookEventType {

    INCIDENT_CREATED("incident.created"),
    INCIDENT_STATE_CHANGED("incident.state_changed"),
    INCIDENT_ESCALATED("incident.escalated"),
    INCIDENT_CLOSED("incident.closed"),
    POINTS_REDEEMED("points.redeemed"),
    /** A notification for a person, role or department: for SMS / 企业微信 / 钉钉 gateways to deliver. */
    NOTIFICATION_CREATED("notification.created");

    private final String code;

    WebhookEventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<WebhookEventType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
