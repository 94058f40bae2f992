package org.gridgov.participation;

import java.time.Instant;

/** A half-open time interval [startsAt, endsAt). */
public record Period(Instant startsAt, Instant endsAt) {

    public boolean overlaps(Period other) {
        return startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
    }
}
