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
 * @param connectTimeout how long a delivery waits to connect to the receiver
 * @param readTimeout how long a delivery waits for each read of the receiver's answer: a hanging receiver costs its
 *        own subscription at most {@code connectTimeout + readTimeout} per attempt, and no other subscription anything
 * @param batchSize deliveries claimed per dispatcher run
 * @param parallelism threads sending deliveries, one subscription per thread at a time (the bounded pool)
 * @param lease how long claimed deliveries are reserved for the node sending them; if the node dies they are due
 *        again after it. Must exceed {@code connectTimeout + readTimeout} (a few attempts' worth is right)
 */
@ConfigurationProperties("gridgov.webhooks")
public record WebhookProperties(@DefaultValue("PT10S") Duration firstRetry,
        @DefaultValue("PT1H") Duration maxRetryInterval, @DefaultValue("P1D") Duration giveUpAfter,
        @DefaultValue("20") int pauseAfterFailures, @DefaultValue("PT1H") Duration pauseAfterFailingFor,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("PT2S") Duration connectTimeout, @DefaultValue("PT5S") Duration readTimeout,
        @DefaultValue("20") int batchSize, @DefaultValue("4") int parallelism, @DefaultValue("PT1M") Duration lease) {

    public WebhookProperties {
        if (parallelism < 1) {
            throw new IllegalArgumentException("gridgov.webhooks.parallelism must be at least 1");
        }
        if (lease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
            throw new IllegalArgumentException("gridgov.webhooks.lease must exceed connect-timeout + read-timeout");
        }
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
    public Duration backoff(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxRetryInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
    }
}
