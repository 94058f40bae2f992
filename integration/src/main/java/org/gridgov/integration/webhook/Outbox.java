package org.gridgov.integration.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.gridgov.shared.scope.PathRange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: an event is appended in the transaction of the change it describes (so it exists exactly
 * when the change does), and fanned out right there into one pending delivery per matching subscription — active or
 * paused (a paused subscription gets its backlog when resumed). The {@link WebhookDispatcher} delivers later.
 */
@Component
public class Outbox {

    /**
     * One pending delivery of an outbox event per subscription to its type: every unnarrowed one, and those narrowed
     * to a subtree the event's grid lies in.
     */
    private static final String FAN_OUT = """
            insert into webhook_delivery (subscription_id, outbox_event_id, aggregate_key)
            select s.id, e.id, e.aggregate_key from outbox_event e, webhook_subscription s
             where e.id = ? and s.state <> 'DELETED' and e.type = any (s.event_types)
               and (s.subtree_path is null or %s)""".formatted(PathRange.sqlJoin("e.grid_path", "s.subtree_path"));

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Outbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Appends one event; must run inside the changing transaction.
     *
     * @param aggregateKey what the event is about ({@code incident:42}); deliveries keep their order per key
     * @param gridPath where it happened, for subscriptions narrowed to a subtree; null matches only unnarrowed ones
     * @return the event id receivers deduplicate on
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(WebhookEventType type, String aggregateKey, String gridPath, Instant occurredAt,
            Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("id", eventId.toString());
        body.put("type", type.code());
        body.put("occurredAt", occurredAt.toString());
        body.put("data", data);
        long outboxId = jdbc.sql("""
                insert into outbox_event (event_id, type, aggregate_key, grid_path, payload, occurred_at)
                values (?, ?, ?, ?, cast(? as jsonb), ?) returning id""")
            .params(eventId, type.code(), aggregateKey, gridPath, json.writeValueAsString(body),
                    java.sql.Timestamp.from(occurredAt))
            .query(Long.class).single();
        jdbc.sql(FAN_OUT).param(outboxId).update();
        return eventId;
    }
}
