/**
 * Outbound webhooks: subscriptions, the transactional outbox that feeds them, signed deliveries with retries, pause
 * and resend. {@link org.gridgov.integration.webhook.WebhookSubscriptionService} is the API the console uses.
 */
@NamedInterface("webhook")
package org.gridgov.integration.webhook;

import org.springframework.modulith.NamedInterface;
