package org.gridgov.participation;

import java.time.Instant;

/** An activity with its counts: participants signed up, waiting, volunteers, checked in. */
public record ActivityView(long id, long gridId, String title, String description, String organiserKind,
        String organiserName, Instant startsAt, Instant endsAt, String place, Long bookingId, int capacity,
        String state, long signedUp, long waiting, long volunteers, long checkedIn, String report) {
}
