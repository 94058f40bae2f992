package org.gridgov.participation;

import java.time.Instant;

/**
 * A booking request.
 *
 * @param groupName the resident group booking, if any (广场舞队, 读书会 …)
 */
public record BookCommand(Long spaceId, Instant startsAt, Instant endsAt, Integer attendees, String purpose,
        String groupName) {
}
