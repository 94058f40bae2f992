package org.gridgov.participation;

import java.time.Instant;

/**
 * A new activity.
 *
 * @param organiserKind {@code COMMUNITY}, {@code PARTNER} (社区合伙人) or {@code GROUP} (a resident group)
 * @param bookingId the booking of a space it takes place in, if any (confirmed, covering the activity's period)
 */
public record CreateActivityCommand(Long gridId, String title, String description, String organiserKind,
        String organiserName, Instant startsAt, Instant endsAt, String place, Long bookingId, Integer capacity) {
}
