package org.gridgov.incident;

import java.time.Instant;

/**
 * Incident figures of a grid subtree over a period [from, to). Rates are shares of 1 (null when there is nothing to
 * divide); {@code overdueNow} counts open incidents past a deadline right now, whatever the period.
 *
 * A report counts in {@code acceptedWithin24hRate} only once it is decided: accepted, or 24 hours old without being
 * accepted — a report received a minute ago is neither a hit nor a miss yet ({@code countedFor24h} of
 * {@code received}). Likewise {@code resolvedOnTimeRate} counts an incident once it is resolved or its resolution
 * deadline passed unresolved ({@code countedForOnTime}).
 *
 * @param acceptedWithin24hRate the city's headline figure (目标 ≥ 90%): accepted within 24 h / countedFor24h
 * @param resolvedOnTimeRate resolved by the deadline / countedForOnTime
 * @param averageRating over every rating, earlier ratings of a reopened incident included
 */
public record IncidentFigures(long nodeId, Instant from, Instant to, long received, long acceptedWithin24h,
        Double acceptedWithin24hRate, long resolved, long resolvedOnTime, Double resolvedOnTimeRate, long overdueNow,
        Double averageHoursToAccept, Double averageHoursToResolve, Double averageRating, long rated, long reopened,
        Double reopenRate, long countedFor24h, long countedForOnTime) {
}
