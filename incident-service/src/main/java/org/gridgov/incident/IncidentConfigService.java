package org.gridgov.incident;

import java.time.LocalDate;
import java.util.List;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Categories with their deadlines (SLA), and the work calendar's exceptions. Changes are audited. */
@Service
@Transactional(readOnly = true)
public class IncidentConfigService {

    /** A category and its deadlines, in working or calendar hours. */
    public record CategoryView(String code, String name, int responseHours, int resolutionHours, boolean workingHours,
            boolean active) {
    }

    /** A day that differs from the Monday–Friday week. */
    public record CalendarDay(LocalDate day, boolean working, String note) {
    }

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final IncidentDeadlines deadlines;

    IncidentConfigService(JdbcTemplate jdbc, AuditLog audit, IncidentDeadlines deadlines) {
        this.deadlines = deadlines;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<CategoryView> categories() {
        return jdbc.query("select code, name, response_hours, resolution_hours, working_hours, active "
                + "from incident_category order by code", (rs, row) -> new CategoryView(rs.getString(1),
                        rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getBoolean(5), rs.getBoolean(6)));
    }

    /** Creates or changes a category; new deadlines apply to incidents reported from now on. */
    @Transactional
    public CategoryView saveCategory(CategoryView category) {
        deadlines.changed(); // read again after the commit, here and (by NOTIFY) on every node
        if (category.resolutionHours() < category.responseHours()) {
            throw DomainException.ruleViolation("incident.category.deadlines", "resolutionHours",
                    "The resolution deadline cannot come before the response deadline");
        }
        jdbc.update("""
                insert into incident_category (code, name, response_hours, resolution_hours, working_hours, active)
                values (?, ?, ?, ?, ?, ?)
                on conflict (code) do update set name = excluded.name, response_hours = excluded.response_hours,
                    resolution_hours = excluded.resolution_hours, working_hours = excluded.working_hours,
                    active = excluded.active""", category.code(), category.name(), category.responseHours(),
                category.resolutionHours(), category.workingHours(), category.active());
        audit.record("INCIDENT_CATEGORY_SAVED", "incident_category", category.code(), null,
                category.responseHours() + "h / " + category.resolutionHours() + "h"
                        + (category.workingHours() ? " working hours" : " calendar hours"));
        return category;
    }

    public List<CalendarDay> calendar(int year) {
        return jdbc.query("select day, working, note from work_calendar_day where day >= ? and day < ? order by day",
                (rs, row) -> new CalendarDay(rs.getDate(1).toLocalDate(), rs.getBoolean(2), rs.getString(3)),
                java.sql.Date.valueOf(LocalDate.of(year, 1, 1)), java.sql.Date.valueOf(LocalDate.of(year + 1, 1, 1)));
    }

    @Transactional
    public CalendarDay saveDay(CalendarDay day) {
        deadlines.changed(); // read again after the commit, here and (by NOTIFY) on every node
        jdbc.update("""
                insert into work_calendar_day (day, working, note) values (?, ?, ?)
                on conflict (day) do update set working = excluded.working, note = excluded.note""",
                java.sql.Date.valueOf(day.day()), day.working(), day.note());
        audit.record("WORK_CALENDAR_SAVED", "work_calendar_day", day.day().toString(), null,
                (day.working() ? "working" : "off") + (day.note() == null ? "" : " " + day.note()));
        return day;
    }

    @Transactional
    public void removeDay(LocalDate day) {
        deadlines.changed(); // read again after the commit, here and (by NOTIFY) on every node
        if (jdbc.update("delete from work_calendar_day where day = ?", java.sql.Date.valueOf(day)) == 0) {
            throw DomainException.notFound("incident.calendar.not-found", "No exception on " + day);
        }
        audit.record("WORK_CALENDAR_REMOVED", "work_calendar_day", day.toString(), null, null);
    }

    /**
     * A deadline rule of a category: {@code deadline} is ACCEPT, RESOLVE or CHECK_IN; {@code after} an ISO-8601
     * duration (calendar time, at least one second: {@code PT2H}, {@code PT5M}, {@code PT30S} for drills);
     * {@code action} ESCALATE or REMIND.
     */
    public record DeadlineRuleView(String category, String deadline, java.time.Duration after, String action) {
    }

    public List<DeadlineRuleView> deadlineRules(String category) {
        return jdbc.query("select category_code, deadline, after_seconds, action from incident_deadline_rule "
                + "where (?::varchar is null or category_code = ?) order by category_code, deadline",
                (rs, row) -> new DeadlineRuleView(rs.getString(1), rs.getString(2),
                        java.time.Duration.ofSeconds(rs.getInt(3)), rs.getString(4)), category, category);
    }

    /** Sets (or replaces) one rule; audited. */
    @Transactional
    public DeadlineRuleView saveDeadlineRule(String category, DeadlineRuleView rule) {
        deadlines.changed(); // read again after the commit, here and (by NOTIFY) on every node
        IncidentDeadlines.Deadline deadline;
        IncidentDeadlines.Action action;
        try {
            deadline = IncidentDeadlines.Deadline.valueOf(String.valueOf(rule.deadline()));
        }
        catch (IllegalArgumentException ex) {
            throw DomainException.invalidField("incident.rule.deadline", "deadline", "ACCEPT, RESOLVE or CHECK_IN");
        }
        try {
            action = IncidentDeadlines.Action.valueOf(String.valueOf(rule.action()));
        }
        catch (IllegalArgumentException ex) {
            throw DomainException.invalidField("incident.rule.action", "action", "ESCALATE or REMIND");
        }
        if (rule.after() == null || rule.after().getSeconds() < 1 || rule.after().toDays() > 365) {
            throw DomainException.invalidField("incident.rule.after", "after",
                    "A duration from one second to a year, e.g. PT4H or PT1M");
        }
        Boolean known = jdbc.queryForObject("select exists (select 1 from incident_category where code = ?)",
                Boolean.class, category);
        if (!Boolean.TRUE.equals(known)) {
            throw DomainException.notFound("incident.category.not-found", "No category " + category);
        }
        jdbc.update("""
                insert into incident_deadline_rule (category_code, deadline, after_seconds, action) values (?, ?, ?, ?)
                on conflict (category_code, deadline) do update set after_seconds = excluded.after_seconds,
                    action = excluded.action, updated_at = now()""", category, deadline.name(),
                (int) rule.after().getSeconds(), action.name());
        audit.record("INCIDENT_DEADLINE_RULE_SAVED", "incident_deadline_rule", category + ":" + deadline, null,
                rule.after() + " " + action);
        return new DeadlineRuleView(category, deadline.name(), rule.after(), action.name());
    }

    @Transactional
    public void removeDeadlineRule(String category, String deadline) {
        deadlines.changed(); // read again after the commit, here and (by NOTIFY) on every node
        if (jdbc.update("delete from incident_deadline_rule where category_code = ? and deadline = ?", category,
                deadline) == 0) {
            throw DomainException.notFound("incident.rule.not-found", "No rule " + category + " " + deadline);
        }
        audit.record("INCIDENT_DEADLINE_RULE_REMOVED", "incident_deadline_rule", category + ":" + deadline, null,
                null);
    }
}
