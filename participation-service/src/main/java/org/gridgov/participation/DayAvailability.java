package org.gridgov.participation;

import java.time.LocalDate;
import java.util.List;

/**
 * One day of a space: whether it opens (and if not, why: {@code CLOSED} on that weekday, {@code HOLIDAY} on the work
 * calendar), its opening hours, the periods already taken (never who took them) and the free slots of the space's
 * slot length.
 */
public record DayAvailability(LocalDate date, boolean open, String closedReason, List<OpeningHours> hours,
        List<Period> taken, List<Period> freeSlots) {
}
