package org.gridgov.incident;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Criteria for {@link IncidentQueries#search}: every non-null, non-empty one must hold.
 *
 * @param from reported at or after
 * @param to reported at or before
 * @param reporterKey only the caller's own report made with this idempotency key (Open311 tokens)
 */
public record IncidentSearch(List<String> trackingCodes, List<String> categories, Instant from, Instant to,
        Set<IncidentState> states, String reporterKey, int limit) {
}
