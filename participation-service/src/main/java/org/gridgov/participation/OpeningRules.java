package org.gridgov.participation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.gridgov.shared.DomainException;

/**
 * When a space may be booked: inside one of its opening intervals of that weekday, China time, not on a public
 * holiday when the space closes on them, on its slot grid, no longer than its longest booking. Pure rules; the
 * database's exclusion constraint decides overlaps.
 */
final class OpeningRules {

    private final SpaceView space;
    private final Predicate<LocalDate> holiday;

    OpeningRules(SpaceView space, Predicate<LocalDate> holiday) {
        this.space = space;
        this.holiday = holiday;
    }

    /** Why the space does not open on {@code date}: {@code HOLIDAY}, {@code CLOSED}, or null when it opens. */
    String closedReason(LocalDate date) {
        if (space.closedOnHolidays() && holiday.test(date)) {
            return "HOLIDAY";
        }
        return hoursOn(date).isEmpty() ? "CLOSED" : null;
    }

    List<OpeningHours> hoursOn(LocalDate date) {
        int weekday = date.getDayOfWeek().getValue();
        return space.hours().stream().filter(h -> h.weekday() == weekday).toList();
    }

    /** Refuses (422, naming the field) a period the space cannot be booked for. */
    void check(Period period) {
        ZonedDateTime start = period.startsAt().atZone(ParticipationContext.CHINA);
        ZonedDateTime end = period.endsAt().atZone(ParticipationContext.CHINA);
        if (!period.startsAt().isBefore(period.endsAt())) {
            throw DomainException.invalidField("participation.booking.end-before-start", "endsAt",
                    "The booking must end after it starts");
        }
        if (!onGrid(start)) {
            throw DomainException.ruleViolation("participation.booking.off-slot", "startsAt",
                    "Bookings start on the space's " + space.slotMinutes() + "-minute slots (China time)");
        }
        if (!onGrid(end)) {
            throw DomainException.ruleViolation("participation.booking.off-slot", "endsAt",
                    "Bookings end on the space's " + space.slotMinutes() + "-minute slots (China time)");
        }
        if (Duration.between(period.startsAt(), period.endsAt()).toMinutes() > space.maxMinutes()) {
            throw DomainException.ruleViolation("participation.booking.too-long", "endsAt",
                    "A booking of this space lasts at most " + space.maxMinutes() + " minutes");
        }
        LocalDate day = start.toLocalDate();
        String closed = closedReason(day);
        if ("HOLIDAY".equals(closed)) {
            throw DomainException.ruleViolation("participation.booking.holiday", "startsAt",
                    "The space is closed on " + day + ", a public holiday");
        }
        LocalDateTime from = start.toLocalDateTime();
        LocalDateTime to = end.toLocalDateTime();
        boolean inside = hoursOn(day).stream().anyMatch(h -> !from.toLocalTime().isBefore(h.opens())
                && to.toLocalDate().equals(day) && !to.toLocalTime().isAfter(h.closes()));
        if (!inside) {
            throw DomainException.ruleViolation("participation.booking.outside-opening-hours", "startsAt",
                    "The space is not open for the whole period on " + day + " (opening hours: "
                            + describe(hoursOn(day)) + ")");
        }
    }

    /** Every slot of {@code minutes} (on the slot grid) inside the opening hours of {@code date}. */
    List<Period> slotsOn(LocalDate date, long minutes) {
        List<Period> slots = new ArrayList<>();
        if (closedReason(date) != null) {
            return slots;
        }
        for (OpeningHours h : hoursOn(date)) {
            LocalDateTime cursor = date.atTime(h.opens());
            int offset = cursor.getMinute() % space.slotMinutes();
            if (offset != 0) {
                cursor = cursor.plusMinutes(space.slotMinutes() - offset);
            }
            LocalDateTime close = date.atTime(h.closes());
            while (!cursor.plusMinutes(minutes).isAfter(close)) {
                slots.add(new Period(cursor.atZone(ParticipationContext.CHINA).toInstant(),
                        cursor.plusMinutes(minutes).atZone(ParticipationContext.CHINA).toInstant()));
                cursor = cursor.plusMinutes(space.slotMinutes());
            }
        }
        return slots;
    }

    /** The first {@code count} free slots as long as {@code wanted}, from its start on, within {@code days} days. */
    List<Period> nextFree(Period wanted, List<Period> taken, Instant notBefore, int count, int days) {
        long minutes = Math.min(Duration.between(wanted.startsAt(), wanted.endsAt()).toMinutes(), space.maxMinutes());
        List<Period> free = new ArrayList<>();
        LocalDate day = wanted.startsAt().atZone(ParticipationContext.CHINA).toLocalDate();
        for (int i = 0; i < days && free.size() < count; i++, day = day.plusDays(1)) {
            for (Period slot : slotsOn(day, minutes)) {
                if (free.size() < count && !slot.startsAt().isBefore(wanted.startsAt())
                        && !slot.startsAt().isBefore(notBefore) && taken.stream().noneMatch(slot::overlaps)) {
                    free.add(slot);
                }
            }
        }
        return free;
    }

    private boolean onGrid(ZonedDateTime time) {
        return time.getSecond() == 0 && time.getNano() == 0
                && (time.getHour() * 60 + time.getMinute()) % space.slotMinutes() == 0;
    }

    private static String describe(List<OpeningHours> hours) {
        return hours.isEmpty() ? "closed" : String.join(", ", hours.stream().map(h -> h.opens() + "–" + h.closes())
            .toList());
    }
}
