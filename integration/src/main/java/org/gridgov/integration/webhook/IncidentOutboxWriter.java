package org.gridgov.integration.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridgov.shared.event.IncidentMoved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns every incident timeline entry into the webhook events integrators subscribe to, in the same transaction
 * (a plain synchronous listener: the outbox row commits or rolls back with the entry).
 */
@Component
class IncidentOutboxWriter {

    private static final Set<String> ESCALATIONS = Set.of("ESCALATE", "AUTO_ESCALATE", "TO_COMMUNITY");

    private final Outbox outbox;

    IncidentOutboxWriter(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(IncidentMoved moved) {
        for (WebhookEventType type : typesOf(moved)) {
            outbox.append(type, "incident:" + moved.incidentId(), moved.gridPath(), moved.occurredAt(), data(moved));
        }
    }

    static List<WebhookEventType> typesOf(IncidentMoved moved) {
        List<WebhookEventType> types = new ArrayList<>();
        if ("REPORTED".equals(moved.action())) {
            types.add(WebhookEventType.INCIDENT_CREATED);
            return types;
        }
        if (moved.changedState()) {
            types.add(WebhookEventType.INCIDENT_STATE_CHANGED);
        }
        if (ESCALATIONS.contains(moved.action())) {
            types.add(WebhookEventType.INCIDENT_ESCALATED);
        }
        if (moved.changedState() && "CLOSED".equals(moved.toState())) {
            types.add(WebhookEventType.INCIDENT_CLOSED);
        }
        return types;
    }

    private static Map<String, Object> data(IncidentMoved moved) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incidentId", moved.incidentId());
        data.put("trackingCode", moved.trackingCode());
        data.put("category", moved.categoryCode());
        data.put("source", moved.source());
        data.put("action", moved.action());
        data.put("fromState", moved.fromState());
        data.put("state", moved.toState());
        data.put("holderGridId", moved.holderGridId());
        data.put("holderGridName", moved.holderGridName());
        data.put("expectedResolutionAt", moved.expectedResolutionAt() == null ? null
                : moved.expectedResolutionAt().toString());
        Map<String, Object> externalRef = null;
        if (moved.externalSource() != null) {
            externalRef = new LinkedHashMap<>();
            externalRef.put("source", moved.externalSource());
            externalRef.put("ticket", moved.externalTicket());
        }
        data.put("externalRef", externalRef);
        return data;
    }
}
