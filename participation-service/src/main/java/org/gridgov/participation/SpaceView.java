package org.gridgov.participation;

import java.util.List;

/** A community space as lists and the booking page show it. */
public record SpaceView(long id, long gridId, String gridName, String name, int capacity, String rules,
        boolean approvalRequired, String bookableBy, int slotMinutes, int maxMinutes, boolean closedOnHolidays,
        boolean active, List<OpeningHours> hours) {
}
