package org.gridgov.integration.webhook.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.gridgov.integration.webhook.CreateWebhookSubscriptionCommand;
import org.gridgov.integration.webhook.WebhookDeliveryView;
import org.gridgov.integration.webhook.WebhookSubscriptionService;
import org.gridgov.integration.webhook.WebhookSubscriptionView;
import org.gridgov.shared.PageResult;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions of integrators, their deliveries, and re-sending (docs/INTEGRATION.md). */
@RestController
@Tag(name = "Webhooks")
class WebhookController {

    private final WebhookSubscriptionService subscriptions;

    WebhookController(WebhookSubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping("/api/v1/webhook-subscriptions")
    @Operation(summary = "Subscribe to events", description = "Events of the chosen types inside the subtree (default:"
            + " the caller's scope) are POSTed to the URL as JSON, signed with HMAC-SHA256 in X-GridGov-Signature "
            + "(t=<unix time>,v1=<hex of HMAC(secret, t + '.' + body)>). The secret is in this answer only. The URL "
            + "must be http(s), outside private networks and not the platform itself. Honours Idempotency-Key.")
    ResponseEntity<WebhookSubscriptionView> create(@RequestBody CreateWebhookSubscriptionCommand command) {
        WebhookSubscriptionView created = subscriptions.create(command);
        return ResponseEntity.created(URI.create("/api/v1/webhook-subscriptions/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/webhook-subscriptions")
    @Operation(summary = "My webhook subscriptions", description = "The caller's own (all of them for system "
            + "administrators), with their state: a subscription that kept failing is PAUSED with the reason.")
    List<WebhookSubscriptionView> list() {
        return subscriptions.list();
    }

    @GetMapping("/api/v1/webhook-subscriptions/{id}")
    @Operation(summary = "One webhook subscription", description = "Without its secret.")
    WebhookSubscriptionView get(@PathVariable long id) {
        return subscriptions.get(id);
    }

    @DeleteMapping("/api/v1/webhook-subscriptions/{id}")
    @Operation(summary = "Unsubscribe", description = "No further deliveries; pending ones are dropped.")
    ResponseEntity<Void> delete(@PathVariable long id) {
        subscriptions.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/webhook-subscriptions/{id}/resume")
    @Operation(summary = "Resume a paused subscription", description = "Its backlog is delivered, oldest first.")
    WebhookSubscriptionView resume(@PathVariable long id) {
        return subscriptions.resume(id);
    }

    @GetMapping("/api/v1/webhook-subscriptions/{id}/deliveries")
    @Operation(summary = "Deliveries of a subscription", description = "Newest first, with attempts, last HTTP "
            + "status and last error.")
    PageResult<WebhookDeliveryView> deliveries(@PathVariable long id,
            @Parameter(description = "PENDING, DELIVERED or FAILED") @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return subscriptions.deliveries(id, state, Math.max(0, page), Math.min(Math.max(1, size),
                PageResult.MAX_SIZE));
    }

    @PostMapping("/api/v1/webhook-deliveries/{id}/resend")
    @Operation(summary = "Re-send a delivery", description = "Puts it back in the queue (same event id: receivers "
            + "that already have it deduplicate).")
    WebhookDeliveryView resend(@PathVariable long id) {
        return subscriptions.resend(id);
    }
}
