package org.gridgov.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.calendar.PublicHolidays;
import org.gridgov.shared.cluster.ClusterEvents;
import org.gridgov.shared.cluster.ClusterListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An incident's deadlines: its category's response and resolution hours, counted on the work calendar. The same kept
 * calendar answers the shared kernel's {@link PublicHolidays} port (the participation module closes spaces on public
 * holidays), so a booking reads no calendar row: an edit reaches every node at its commit through the cluster channel.
 */
@Component
class IncidentDeadlines implements PublicHolidays {

    /** An active category and its deadlines. */
    record Category(String code, String name, int responseHours, int resolutionHours, boolean workingHours) {
    }

    /** The deadlines to accept and to resolve. */
    record Due(Instant accept, Instant resolve) {
    }

    /**
     * The cluster channel on which a trigger announces every committed change of categories, deadline rules and the
     * work calendar (see {@code V2026_12_14_1001}).
     */
    static final String CHANNEL = "incident_config";
    /** The bound on a kept configuration should a notification be lost with the listening connection. */
    static final java.time.Duration MAX_AGE = java.time.Duration.ofMinutes(5);

    /** Categories, rules and the calendar as read together: a handful of rows, kept on this node. */
    private record Config(Map<String, Category> activeCategories, Map<String, Map<Deadline, Rule>> rules,
            WorkCalendar calendar, long generation, long readAt) {
    }

    private final JdbcTemplate jdbc;
    private final ClusterEvents cluster;
    private final AtomicLong generation = new AtomicLong();
    private volatile Config config;

    IncidentDeadlines(JdbcTemplate jdbc, ClusterEvents cluster) {
        this.jdbc = jdbc;
        this.cluster = cluster;
        cluster.subscribe(CHANNEL, new ClusterListener() {
            @Override
            public void onEvent(String table) {
                forget();
            }

            @Override
            public void onResynchronise() {
                forget();
            }
        });
    }

    /** The active category with this code; 400 on the {@code category} field otherwise. */
    Category category(String code) {
        Category found = config().activeCategories().get(code);
        if (found == null) {
            throw DomainException.invalidField("incident.unknown-category", "category", "Unknown category " + code);
        }
        return found;
    }

    /** After this node's own change commits: the next report reads the configuration again. */
    void changed() {
        ClusterEvents.afterCommit(this::forget);
    }

    private void forget() {
        generation.incrementAndGet();
        config = null;
    }

    /**
     * Kept while no change was announced since it was read (a change by any node reaches every node at its commit,
     * typically within milliseconds), at most {@link #MAX_AGE}, and only while this node listens to the channel.
     */
    private Config config() {
        Config kept = config;
        long seen = generation.get();
        if (kept != null && kept.generation() == seen && System.nanoTime() - kept.readAt() < MAX_AGE.toNanos()) {
            return kept;
        }
        Map<String, Category> categories = new HashMap<>();
        jdbc.query("""
                select code, name, response_hours, resolution_hours, working_hours from incident_category
                 where active""", rs -> {
            categories.put(rs.getString(1), new Category(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                    rs.getBoolean(5)));
        });
        Map<String, Map<Deadline, Rule>> rules = new HashMap<>();
        jdbc.query("select category_code, deadline, after_seconds, action from incident_deadline_rule", rs -> {
            Rule rule = new Rule(rs.getString(1), Deadline.valueOf(rs.getString(2)),
                    java.time.Duration.ofSeconds(rs.getInt(3)), Action.valueOf(rs.getString(4)));
            rules.computeIfAbsent(rule.category(), c -> new java.util.EnumMap<>(Deadline.class))
                .put(rule.deadline(), rule);
        });
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        jdbc.query("select day, working from work_calendar_day", rs -> {
            exceptions.put(rs.getDate(1).toLocalDate(), rs.getBoolean(2));
        });
        Config read = new Config(categories, rules, new WorkCalendar(exceptions), seen, System.nanoTime());
        if (cluster.listening(CHANNEL) && generation.get() == seen) {
            config = read;
        }
        return read;
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
        rules.putAll(config().rules().getOrDefault(categoryCode, Map.of()));
        return rules;
    }

    @Override
    public boolean isHoliday(LocalDate day) {
        return calendar().isPublicHoliday(day);
    }

    private WorkCalendar calendar() {
        return config().calendar();
    }
}
