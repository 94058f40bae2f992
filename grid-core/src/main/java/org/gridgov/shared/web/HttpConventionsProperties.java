package org.gridgov.shared.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP conventions of docs/API.md.
 *
 * @param maxBodySize largest non-multipart request body accepted (413 beyond)
 * @param idempotencyRetention how long an {@code Idempotency-Key} is remembered
 * @param publicRateLimitPerMinute requests per minute a client address may make to the public endpoints, per node
 */
@ConfigurationProperties("gridgov.http")
public record HttpConventionsProperties(@DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("24h") Duration idempotencyRetention, @DefaultValue("120") long publicRateLimitPerMinute) {
}
