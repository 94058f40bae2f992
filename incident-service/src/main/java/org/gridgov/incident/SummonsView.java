package org.gridgov.incident;

import java.time.Instant;

/** A department summoned by the whistle, and whether it has checked in (报到) and reported. */
public record SummonsView(long departmentId, Instant summonedAt, Instant checkInDueAt, Instant checkedInAt,
        String checkedInBy, Instant reportedAt, String report) {
}
