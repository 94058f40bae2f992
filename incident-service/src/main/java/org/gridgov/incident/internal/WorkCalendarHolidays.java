package org.gridgov.incident.internal;

import java.sql.Date;
import java.time.LocalDate;

import org.gridgov.shared.calendar.PublicHolidays;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The incident module's work calendar answers the shared kernel's {@link PublicHolidays} port: a day the calendar
 * marks as not working is a public holiday. Read per question (one primary-key lookup), so an edit of the
 * calendar counts at once.
 */
@Component
class WorkCalendarHolidays implements PublicHolidays {

    private final JdbcTemplate jdbc;

    WorkCalendarHolidays(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isHoliday(LocalDate day) {
        Boolean working = jdbc.query("select working from work_calendar_day where day = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, Date.valueOf(day));
        return Boolean.FALSE.equals(working);
    }
}
