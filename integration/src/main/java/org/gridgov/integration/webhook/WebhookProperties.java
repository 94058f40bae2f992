package org.gridgov.integration.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery ({@code gridgov.webhooks.*}).
 *
 * @param firstRetry wait after the first failed attempt; doubled per attempt up to {@code maxRetryInterval}
 * @param giveUpAfter a delivery still failing this long after its event is marked FAILED (and can be re-sent)
 * @param pauseAfterFailures consecutive failed attempts after which a subscription is paused, provided it has also
 *        been failing for {@code pauseAfterFailingFor} (a short outage of a busy receiver does not pause it)
 * @param allowPrivateAddresses whether URLs may point at loopback / private networks (off in production: SSRF)
 * @param batchSize deliveries locked per dispatcher transaction
 */
@ConfigurationProperties("gridgov.webhooks")
public record WebhookProperties(@DefaultValue("PT10S") Duration firstRetry,
        @DefaultValue("PT1H") Duration maxRetryInterval, @DefaultValue("P1D") Duration giveUpAfter,
        @DefaultValue("20") int pauseAfterFailures, @DefaultValue("PT1H") Duration pauseAfterFailingFor,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("PT5S") Duration connectTimeout, @DefaultValue("PT10S") Duration requestTimeout,
        @DefaultValue("20") int batchSize) {

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
    public Duration backoff(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxRetryInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
    }
}
