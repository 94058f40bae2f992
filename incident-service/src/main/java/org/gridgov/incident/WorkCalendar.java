package org.gridgov.incident;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Deadlines in working hours: 09:00–18:00 China time on working days (Monday to Friday, except the exceptions:
 * public holidays off, adjusted weekend days on). Calendar-hour categories (gas, fire, elderly help) simply add.
 */
public final class WorkCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalTime START = LocalTime.of(9, 0);
    static final LocalTime END = LocalTime.of(18, 0);

    private final Map<LocalDate, Boolean> exceptions;

    /** @param exceptions days that differ from the Monday–Friday week: true = working, false = off */
    public WorkCalendar(Map<LocalDate, Boolean> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
    }

    public boolean isWorkingDay(LocalDate day) {
        Boolean exception = exceptions.get(day);
        if (exception != null) {
            return exception;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** A day off the calendar marks on what would otherwise be a working day (国庆节, 元旦 …); not a weekend. */
    public boolean isPublicHoliday(LocalDate day) {
        return Boolean.FALSE.equals(exceptions.get(day));
    }

    /** {@code from} plus {@code hours}, counted in working hours or in calendar hours. */
    public Instant plusHours(Instant from, int hours, boolean workingHours) {
        if (!workingHours) {
            return from.plus(Duration.ofHours(hours));
        }
        Duration left = Duration.ofHours(hours);
        ZonedDateTime cursor = from.atZone(ZONE);
        for (int guard = 0; guard < 3660; guard++) {
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime open = day.atTime(START).atZone(ZONE);
                ZonedDateTime close = day.atTime(END).atZone(ZONE);
                ZonedDateTime begin = cursor.isBefore(open) ? open : cursor;
                if (begin.isBefore(close)) {
                    Duration available = Duration.between(begin, close);
                    if (available.compareTo(left) >= 0) {
                        return begin.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            cursor = day.plusDays(1).atStartOfDay(ZONE);
        }
        throw new IllegalStateException("No working time within ten years of " + from);
    }
}
