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

    /** Which deadline a rule is about. */
    enum Deadline {
        ACCEPT, RESOLVE, CHECK_IN
    }

    /** What happens when a deadline passes. */
    enum Action {
        ESCALATE, REMIND
    }

    /** A row of the rule table: this category's deadline runs {@code after} and then does {@code action}. */
    record Rule(String category, Deadline deadline, java.time.Duration after, Action action) {
    }

    /** The category's deadlines counted from {@code from}: its rules where it has them, else its hours. */
    Due due(Category category, Instant from) {
        WorkCalendar calendar = calendar();
        Map<Deadline, Rule> rules = rules(category.code());
        Instant accept = rules.containsKey(Deadline.ACCEPT) ? from.plus(rules.get(Deadline.ACCEPT).after())
                : calendar.plusHours(from, category.responseHours(), category.workingHours());
        Instant resolve = rules.containsKey(Deadline.RESOLVE) ? from.plus(rules.get(Deadline.RESOLVE).after())
                : calendar.plusHours(from, category.resolutionHours(), category.workingHours());
        return new Due(accept, resolve);
    }

    /** The check-in deadline of a department summoned now. */
    Instant checkInDue(String categoryCode, Instant from, int defaultHours) {
        Rule rule = rules(categoryCode).get(Deadline.CHECK_IN);
        return from.plus(rule != null ? rule.after() : java.time.Duration.ofHours(defaultHours));
    }

    /** What passing this deadline does for the category (defaults: acceptance escalates, the others remind). */
    Action action(String categoryCode, Deadline deadline) {
        Rule rule = rules(categoryCode).get(deadline);
        if (rule != null) {
            return rule.action();
        }
        return deadline == Deadline.ACCEPT ? Action.ESCALATE : Action.REMIND;
    }

    /** The rules of a category by deadline. */
    Map<Deadline, Rule> rules(String categoryCode) {
        Map<Deadline, Rule> rules = new java.util.EnumMap<>(Deadline.class);
        jdbc.query("select category_code, deadline, after_seconds, action from incident_deadline_rule "
                + "where category_code = ?", rs -> {
                    Rule rule = new Rule(rs.getString(1), Deadline.valueOf(rs.getString(2)),
                            java.time.Duration.ofSeconds(rs.getInt(3)), Action.valueOf(rs.getString(4)));
                    rules.put(rule.deadline(), rule);
                }, categoryCode);
        return rules;
    }

    private WorkCalendar calendar() {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        jdbc.query("select day, working from work_calendar_day", rs -> {
            exceptions.put(rs.getDate(1).toLocalDate(), rs.getBoolean(2));
        });
        return new WorkCalendar(exceptions);
    }
}
