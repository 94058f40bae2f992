package org.gridgov.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridgov.shared.DomainException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** An incident's deadlines: its category's response and resolution hours, counted on the work calendar. */
@Component
class IncidentDeadlines {

    /** An active category and its deadlines. */
    record Category(String code, String name, int responseHours, int resolutionHours, boolean workingHours) {
    }

    /** The deadlines to accept and to resolve. */
    record Due(Instant accept, Instant resolve) {
    }

    private final JdbcTemplate jdbc;

    IncidentDeadlines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The active category with this code; 400 on the {@code category} field otherwise. */
    Category category(String code) {
        List<Category> found = jdbc.query("""
                select code, name, response_hours, resolution_hours, working_hours from incident_category
                 where code = ? and active""", (rs, row) -> new Category(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getInt(4), rs.getBoolean(5)), code);
        if (found.isEmpty()) {
            throw DomainException.invalidField("incident.unknown-category", "category", "Unknown category " + code);
        }
        return found.get(0);
    }

    /** The category's deadlines counted from {@code from}. */
    Due due(Category category, Instant from) {
        WorkCalendar calendar = calendar();
        return new Due(calendar.plusHours(from, category.responseHours(), category.workingHours()),
                calendar.plusHours(from, category.resolutionHours(), category.workingHours()));
    }

    private WorkCalendar calendar() {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        jdbc.query("select day, working from work_calendar_day", rs -> {
            exceptions.put(rs.getDate(1).toLocalDate(), rs.getBoolean(2));
        });
        return new WorkCalendar(exceptions);
    }
}
