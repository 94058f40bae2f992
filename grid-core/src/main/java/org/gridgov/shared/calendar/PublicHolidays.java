package org.gridgov.shared.calendar;

import java.time.LocalDate;

/**
 * The platform's one work calendar, as other modules need it: whether a day is a public holiday (a day off that
 * would otherwise be a working day, 国庆节, 元旦 …). The incident module owns the calendar (its deadlines count
 * working hours on it, and administrators edit it at {@code /api/v1/work-calendar}) and implements this port; the
 * participation module closes community spaces on these days. Adjusted weekend working days (调休) are not holidays.
 */
@FunctionalInterface
public interface PublicHolidays {

    /** Whether {@code day} (a date in China time) is a public holiday. */
    boolean isHoliday(LocalDate day);
}
