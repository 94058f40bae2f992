package org.gridgov.incident;

import java.time.Instant;

/**
 * Incident figures of a grid subtree over a period [from, to). Rates are shares of 1 (null when there is nothing to
 * divide); {@code overdueNow} counts open incidents past a deadline right now, whatever the period.
 *
 * @param acceptedWithin24hRate the city's headline figure (目标 ≥ 90%)
 */
public record IncidentFigures(long nodeId, Instant from, Instant to, long received, long acceptedWithin24h,
        Double acceptedWithin24hRate, long resolved, long resolvedOnTime, Double resolvedOnTimeRate, long overdueNow,
        Double averageHoursToAccept, Double averageHoursToResolve, Double averageRating, long rated, long reopened,
        Double reopenRate) {
}
