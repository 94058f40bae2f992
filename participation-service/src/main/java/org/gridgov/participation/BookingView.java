package org.gridgov.participation;

import java.time.Instant;

/** A booking: its space, its period, who booked (for the booker and the space's staff) and where it stands. */
public record BookingView(long id, long spaceId, String spaceName, long bookerId, String bookerName,
        String groupName, String purpose, int attendees, Instant startsAt, Instant endsAt, String state,
        String decidedBy, Instant decidedAt, String decisionNote, Instant createdAt) {
}
