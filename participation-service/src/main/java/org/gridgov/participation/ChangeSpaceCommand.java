package org.gridgov.participation;

import java.util.List;

/**
 * The new state of a space: every field as {@link CreateSpaceCommand} (the grid stays), and whether it takes
 * bookings. Bookings already held keep their slots, even outside the new opening hours: staff cancel those they must.
 *
 * @param active false: the space takes no new bookings (and residents no longer see it)
 */
public record ChangeSpaceCommand(String name, Integer capacity, String rules, Boolean approvalRequired,
        String bookableBy, Integer slotMinutes, Integer maxMinutes, Boolean closedOnHolidays, Boolean active,
        List<OpeningHours> hours) {
}
