package org.gridgov.integration.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.gridgov.shared.scope.PathRange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: an event is appended in the transaction of the change it describes (so it exists exactly
 * when the change does) — the events of one transaction written together in one statement just before it commits —
 * and fanned out in that statement into one pending delivery per matching subscription — active or
 * paused (a paused subscription gets its backlog when resumed). The {@link WebhookDispatcher} delivers later.
 */
@Component
public class Outbox {

    /**
     * The events of a transaction and, in the same statement, one pending delivery of each per subscription to its
     * type: every unnarrowed one, and those narrowed to a subtree the event's grid lies in. {@code %s}: the rows.
     */
    private static final String APPEND = """
            with e as (
                insert into outbox_event (event_id, type, aggregate_key, grid_path, payload, occurred_at)
                values %s
                returning id, type, aggregate_key, grid_path)
            insert into webhook_delivery (subscription_id, outbox_event_id, aggregate_key)
            select s.id, e.id, e.aggregate_key from e, webhook_subscription s
             where s.state <> 'DELETED' and e.type = any (s.event_types)
               and (s.subtree_path is null or %s)""";
    private static final String ROW = "(?, ?, ?, ?, cast(? as jsonb), ?)";
    private static final String FAN_OUT_MATCH = PathRange.sqlJoin("e.grid_path", "s.subtree_path");

    /** An event waiting for its transaction's commit. */
    private record Pending(UUID eventId, String type, String aggregateKey, String gridPath, String payload,
            java.sql.Timestamp occurredAt) {
    }

    /**
     * The events a transaction appended, written together just before it commits. Appends come from plain
     * {@code @EventListener}s while the transaction works; an append made once the commit has begun (from another
     * synchronization's {@code beforeCommit} — none does) is written at once when the batch already ran, but a batch
     * first registered then would not run: keep outbox writers plain listeners.
     */
    private final class Batch implements TransactionSynchronization {

        final List<Pending> events = new ArrayList<>();
        boolean written;

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            write(events);
        }

        Outbox outbox() {
            return Outbox.this;
        }
    }

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
        Pending pending = new Pending(eventId, type.code(), aggregateKey, gridPath, json.writeValueAsString(body),
                java.sql.Timestamp.from(occurredAt));
        // the transaction's own synchronizations (an inner REQUIRES_NEW transaction has its own, and its own batch)
        Batch batch = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
                if (registered instanceof Batch mine && mine.outbox() == this) {
                    batch = mine;
                }
            }
            if (batch == null) {
                batch = new Batch();
                TransactionSynchronizationManager.registerSynchronization(batch);
            }
        }
        if (batch == null || batch.written) {
            // no synchronization, or appended while the transaction is already committing: written at once
            write(List.of(pending));
        }
        else {
            batch.events.add(pending);
        }
        return eventId;
    }

    /** The events in one statement, in the order they were appended (their ids, and so deliveries, keep it). */
    private void write(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        for (Pending event : events) {
            params.addAll(List.of(event.eventId(), event.type(), event.aggregateKey()));
            params.add(event.gridPath());
            params.addAll(List.of(event.payload(), event.occurredAt()));
        }
        jdbc.sql(APPEND.formatted(String.join(", ", java.util.Collections.nCopies(events.size(), ROW)), FAN_OUT_MATCH))
            .params(params)
            .update();
    }
}
