package org.gridgov.participation;

import java.util.List;

/**
 * A new community space.
 *
 * @param gridId the grid it belongs to (a community, a compound's grid), inside the caller's scope
 * @param bookableBy {@code RESIDENTS} (anyone with a person account) or {@code STAFF} (the grid's staff only)
 * @param slotMinutes bookings start and end on this grid of minutes (15, 30 or 60; default 30)
 * @param maxMinutes the longest booking (default 240)
 * @param closedOnHolidays closed on the work calendar's public holidays (default true)
 */
public record CreateSpaceCommand(Long gridId, String name, Integer capacity, String rules,
        Boolean approvalRequired,
        String bookableBy, Integer slotMinutes, Integer maxMinutes, Boolean closedOnHolidays,
        List<OpeningHours> hours) {
}
