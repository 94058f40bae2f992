package org.gridgov.integration.webhook;

import java.time.Instant;
import java.util.UUID;

/** One delivery of one event to one subscription, with how it went so far. */
public record WebhookDeliveryView(long id, long subscriptionId, UUID eventId, String eventType, String aggregateKey,
        String state, int attempts, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus,
        String lastError, Instant deliveredAt, Instant createdAt) {
}
