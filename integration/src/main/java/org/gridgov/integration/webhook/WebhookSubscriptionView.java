package org.gridgov.integration.webhook;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A webhook subscription as its owner sees it.
 *
 * @param secret the signing secret: present only in the response that created the subscription
 */
public record WebhookSubscriptionView(long id, String owner, String name, String url, List<String> eventTypes,
        Long subtreeNodeId, String state, int consecutiveFailures, String pausedReason, Instant pausedAt,
        Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    WebhookSubscriptionView withSecret(String secret) {
        return new WebhookSubscriptionView(id, owner, name, url, eventTypes, subtreeNodeId, state,
                consecutiveFailures, pausedReason, pausedAt, createdAt, secret);
    }
}
