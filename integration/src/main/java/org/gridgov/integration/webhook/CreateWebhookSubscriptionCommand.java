package org.gridgov.integration.webhook;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What an integrator asks to receive, and where. */
public record CreateWebhookSubscriptionCommand(
        @Schema(description = "A name for the people who operate it", example = "12345 hotline sync") String name,
        @Schema(description = "http(s) URL receiving POSTs", example = "https://hotline.example.gov.cn/gridgov/events")
        String url,
        @Schema(description = "Event types: incident.created, incident.state_changed, incident.escalated, "
                + "incident.closed, points.redeemed", example = "[\"incident.created\", \"incident.closed\"]")
        List<String> eventTypes,
        @Schema(description = "Only events inside this grid's subtree; default: the caller's whole scope",
                example = "3")
        Long subtreeNodeId) {
}
