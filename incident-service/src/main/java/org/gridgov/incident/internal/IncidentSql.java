package org.gridgov.incident.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridgov.incident.IncidentState;
import org.gridgov.shared.scope.SqlPredicate;

/**
 * The state rules of {@link IncidentState} — open, final, overdue — as SQL predicates on the {@code incident} table,
 * rendered from the same sets, so that Java and SQL cannot disagree about them.
 * <p>
 * The state lists are SQL literals, not bind parameters, and each is written the way the partial index that serves
 * it spells its condition: PostgreSQL uses a partial index only when it can prove the query's condition implies the
 * index's. "Open" is "not in the others" ({@code incident_open_device_uk}), "not final" is {@code not in}
 * ({@code incident_category_open_idx}, {@code incident_category_open_lat_idx}), a running deadline is {@code in}
 * ({@code incident_open_path_idx}), awaiting acceptance is {@code in} ({@code incident_accept_due_idx}).
 *
 * @see IncidentState#OPEN
 * @see IncidentState#isOverdue
 */
public final class IncidentSql {

    private IncidentSql() {
    }

    /** {@link IncidentState#OPEN}. */
    public static String open(String alias) {
        return column(alias, "state") + " not in " + list(EnumSet.complementOf(EnumSet.copyOf(IncidentState.OPEN)));
    }

    /**
     * {@link IncidentState#OPEN} spelled as {@code in}, as the partial indexes of open incidents by creation time and
     * by resolution deadline (migration V2026_12_19_2000) have it.
     */
    public static String openIn(String alias) {
        return column(alias, "state") + " in " + list(IncidentState.OPEN);
    }

    /** Not {@link IncidentState#FINAL}: open or resolved. */
    public static String notFinal(String alias) {
        return column(alias, "state") + " not in " + list(IncidentState.FINAL);
    }

    /**
     * A deadline runs: awaiting acceptance or being handled. Implied by {@link #overdue}; spelled out where a query
     * should read only the partial index of these incidents.
     */
    public static String deadlineRunning(String alias) {
        EnumSet<IncidentState> running = EnumSet.copyOf(IncidentState.AWAITING_ACCEPTANCE);
        running.addAll(IncidentState.BEING_HANDLED);
        return column(alias, "state") + " in " + list(running);
    }

    /**
     * {@link IncidentState#isAcceptOverdue}: awaiting acceptance past the response deadline.
     *
     * @param now the SQL for the present: {@code "now()"}, or {@code "?"} for the service's clock
     */
    public static String acceptOverdue(String alias, String now) {
        return column(alias, "state") + " in " + list(IncidentState.AWAITING_ACCEPTANCE) + " and "
                + column(alias, "accept_due_at") + " < " + now;
    }

    /** {@link IncidentState#isResolveOverdue}: being handled past the resolution deadline. */
    public static String resolveOverdue(String alias, String now) {
        return column(alias, "state") + " in " + list(IncidentState.BEING_HANDLED) + " and "
                + column(alias, "resolve_due_at") + " < " + now;
    }

    /** {@link IncidentState#isOverdue}, now: past the deadline that runs in its state. */
    public static String overdue(String alias) {
        return "((" + acceptOverdue(alias, "now()") + ") or (" + resolveOverdue(alias, "now()") + "))";
    }

    /**
     * Counted in the figures: every report but those merged into another (a duplicate is one problem, counted once),
     * as the daily totals' trigger counts them.
     */
    public static String counted(String alias) {
        return column(alias, "state") + " <> '" + IncidentState.MERGED.name() + "'";
    }

    /**
     * A statement's arguments in the order of its {@code ?}s: each {@link SqlPredicate}'s own arguments, any other
     * value as it is.
     */
    public static Object[] args(Object... parts) {
        List<Object> args = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof SqlPredicate predicate) {
                args.addAll(predicate.args());
            }
            else {
                args.add(part);
            }
        }
        return args.toArray();
    }

    private static String column(String alias, String column) {
        return alias == null || alias.isEmpty() ? column : alias + "." + column;
    }

    private static String list(Set<IncidentState> states) {
        return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
