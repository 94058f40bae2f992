package org.gridgov.identity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An integrator client. {@code clientSecret} is present only in the answer to its creation: it is stored hashed
 * and can never be shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntegratorClientView(String clientId, String name, Long scopeNodeId, String status, String createdBy,
        Instant createdAt, String clientSecret) {
}
