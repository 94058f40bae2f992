package org.gridgov.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkCalendarTest {

    final WorkCalendar calendar = new WorkCalendar(Map.of(LocalDate.of(2026, 10, 1), false,
            LocalDate.of(2026, 10, 10), true));

    static Instant at(String local) {
        return ZonedDateTime.parse(local + "+08:00[Asia/Shanghai]").toInstant();
    }

    @Test
    void working_hours_stop_at_six_and_resume_at_nine_the_next_working_day() {
        // Friday 16:00 + 4 working hours = Monday 11:00
        assertThat(calendar.plusHours(at("2026-11-20T16:00"), 4, true)).isEqualTo(at("2026-11-23T11:00"));
    }

    @Test
    void a_report_at_night_starts_counting_at_nine() {
        assertThat(calendar.plusHours(at("2026-11-24T22:30"), 24, true)).isEqualTo(at("2026-11-27T15:00"));
    }

    @Test
    void public_holidays_are_skipped_and_adjusted_weekend_days_count() {
        // Wednesday 30 Sept 17:00 + 2h: 1 Oct is a holiday → Friday 2 Oct 10:00
        assertThat(calendar.plusHours(at("2026-09-30T17:00"), 2, true)).isEqualTo(at("2026-10-02T10:00"));
        // Saturday 10 Oct is a working day
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
    }

    @Test
    void calendar_hour_categories_count_every_hour() {
        assertThat(calendar.plusHours(at("2026-11-21T23:00"), 1, false)).isEqualTo(at("2026-11-22T00:00"));
    }
}
