package org.gridgov.incident.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.gridgov.grid.GridSubtree;
import org.gridgov.incident.IncidentFigures;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The aggregate query behind incident figures. Below street level it reads the subtree's incidents of the period
 * (index on {@code grid_path, created_at}). For a street or a district it adds the whole UTC days of the period
 * from {@code incident_figure_day} (sums per street and day, kept by a trigger) and reads {@code incident} only for
 * the hours at the period's two ends — so a district or the city does not read hundreds of thousands of rows
 * (benchmarks/incident). Both give the same figures.
 */
@Component
public class IncidentFigureQuery {

    /** Paths of streets and districts have at most two ids: {@code /1/14/}. */
    private static final int DAILY_TOTALS_MAX_DEPTH = 2;

    private final JdbcTemplate jdbc;

    IncidentFigureQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public IncidentFigures compute(GridSubtree subtree, Instant from, Instant to) {
        if (depth(subtree.path()) <= DAILY_TOTALS_MAX_DEPTH) {
            return fromDailyTotals(subtree, from, to);
        }
        PathRange subtreeRange = PathRange.under(subtree.path());
        SqlPredicate inSubtree = subtreeRange.sql("grid_path");
        SqlPredicate overdueInSubtree = subtreeRange.sql("o.grid_path");
        return jdbc.queryForObject("""
                select count(*) as received,
                       count(*) filter (where accepted_at is not null
                                          and accepted_at <= created_at + interval '24 hours') as accepted24,
                       count(*) filter (where resolved_at is not null) as resolved,
                       count(*) filter (where resolved_at is not null and resolved_at <= resolve_due_at) as on_time,
                       avg(extract(epoch from accepted_at - created_at)) / 3600 as hours_to_accept,
                       avg(extract(epoch from resolved_at - created_at)) / 3600 as hours_to_resolve,
                       sum(rating_total)::numeric / nullif(sum(rating_count), 0) as rating,
                       coalesce(sum(rating_count), 0) as rated,
                       count(*) filter (where reopen_count > 0) as reopened,
                       (select count(*) from incident o where %s and %s) as overdue_now
                  from incident
                 where %s and created_at >= ? and created_at < ? and %s""".formatted(overdueInSubtree.sql(),
                        IncidentSql.overdue("o"), inSubtree.sql(), IncidentSql.counted("")),
                (rs, row) -> figures(subtree, from, to, rs, undecided(subtree, from, to)),
                IncidentSql.args(overdueInSubtree, inSubtree, Timestamp.from(from), Timestamp.from(to)));
    }

    /**
     * Whole days [firstDay, lastDay) from the daily totals, plus the incidents created in [from, firstDay) and
     * [lastDay, to); a period shorter than a whole day reads only incidents.
     */
    private IncidentFigures fromDailyTotals(GridSubtree subtree, Instant from, Instant to) {
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        if (firstDay.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(from)) {
            firstDay = firstDay.plusDays(1);
        }
        LocalDate lastDay = LocalDate.ofInstant(to, ZoneOffset.UTC);
        if (!firstDay.isBefore(lastDay)) {
            firstDay = lastDay;
        }
        Instant headEnd = firstDay.equals(lastDay) ? to : firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant tailStart = firstDay.equals(lastDay) ? to : lastDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        PathRange subtreeRange = PathRange.under(subtree.path());
        SqlPredicate streetsInSubtree = subtreeRange.sql("street_path");
        SqlPredicate inSubtree = subtreeRange.sql("grid_path");
        SqlPredicate overdueInSubtree = subtreeRange.sql("o.grid_path");
        return jdbc.queryForObject("""
                with days as (
                  select coalesce(sum(received), 0) as received, coalesce(sum(accepted24), 0) as accepted24,
                         coalesce(sum(accepted), 0) as accepted, coalesce(sum(accept_seconds), 0) as accept_seconds,
                         coalesce(sum(resolved), 0) as resolved, coalesce(sum(on_time), 0) as on_time,
                         coalesce(sum(resolve_seconds), 0) as resolve_seconds, coalesce(sum(rated), 0) as rated,
                         coalesce(sum(rating_sum), 0) as rating_sum, coalesce(sum(reopened), 0) as reopened
                    from incident_figure_day
                   where %s and day >= ? and day < ?
                ), ends as (
                  select count(*) as received,
                         count(*) filter (where accepted_at <= created_at + interval '24 hours') as accepted24,
                         count(accepted_at) as accepted,
                         coalesce(sum(extract(epoch from accepted_at - created_at)), 0) as accept_seconds,
                         count(resolved_at) as resolved,
                         count(*) filter (where resolved_at <= resolve_due_at) as on_time,
                         coalesce(sum(extract(epoch from resolved_at - created_at)), 0) as resolve_seconds,
                         coalesce(sum(rating_count), 0) as rated, coalesce(sum(rating_total), 0) as rating_sum,
                         count(*) filter (where reopen_count > 0) as reopened
                    from incident
                   where %s and %s
                     and (created_at >= ? and created_at < ? or created_at >= ? and created_at < ?)
                )
                select d.received + e.received as received, d.accepted24 + e.accepted24 as accepted24,
                       d.resolved + e.resolved as resolved, d.on_time + e.on_time as on_time,
                       (d.accept_seconds + e.accept_seconds) / nullif(d.accepted + e.accepted, 0) / 3600
                           as hours_to_accept,
                       (d.resolve_seconds + e.resolve_seconds) / nullif(d.resolved + e.resolved, 0) / 3600
                           as hours_to_resolve,
                       (d.rating_sum + e.rating_sum)::numeric / nullif(d.rated + e.rated, 0) as rating,
                       d.rated + e.rated as rated, d.reopened + e.reopened as reopened,
                       -- the states with a running deadline once more, as the partial index
                       -- incident_open_path_idx has them: one index-only range scan over them in the subtree
                       (select count(*) from incident o where %s and %s and %s) as overdue_now
                  from days d cross join ends e""".formatted(streetsInSubtree.sql(), inSubtree.sql(),
                        IncidentSql.counted(""), overdueInSubtree.sql(), IncidentSql.deadlineRunning("o"),
                        IncidentSql.overdue("o")),
                (rs, row) -> figures(subtree, from, to, rs, undecided(subtree, from, to)),
                IncidentSql.args(streetsInSubtree, java.sql.Date.valueOf(firstDay), java.sql.Date.valueOf(lastDay),
                        inSubtree, Timestamp.from(from), Timestamp.from(headEnd), Timestamp.from(tailStart),
                        Timestamp.from(to), overdueInSubtree));
    }

    /**
     * The reports of the period not yet decided for the 24-hour rate (younger than 24 h and not accepted), and those
     * still open past their resolution deadline (late, though not resolved). Both read only recent or open incidents
     * of the subtree.
     */
    private long[] undecided(GridSubtree subtree, Instant from, Instant to) {
        SqlPredicate young = PathRange.under(subtree.path()).sql("y.grid_path");
        SqlPredicate open = PathRange.under(subtree.path()).sql("o.grid_path");
        Instant dayAgo = Instant.now().minus(java.time.Duration.ofHours(24));
        Instant youngFrom = from.isAfter(dayAgo) ? from : dayAgo;
        return jdbc.queryForObject("""
                select (select count(*) from incident y where %s and y.accepted_at is null and %s
                           and y.created_at >= ? and y.created_at < ?),
                       (select count(*) from incident o where %s and %s and o.resolve_due_at < now()
                           and o.created_at >= ? and o.created_at < ?)"""
                .formatted(young.sql(), IncidentSql.counted("y"), open.sql(), IncidentSql.open("o")),
                (rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) },
                IncidentSql.args(young, Timestamp.from(youngFrom), Timestamp.from(to), open, Timestamp.from(from),
                        Timestamp.from(to)));
    }

    private static int depth(String path) {
        int ids = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                ids++;
            }
        }
        return ids;
    }

    private static IncidentFigures figures(GridSubtree subtree, Instant from, Instant to, ResultSet rs,
            long[] undecided) throws SQLException {
        long received = rs.getLong("received");
        long accepted24 = rs.getLong("accepted24");
        long resolved = rs.getLong("resolved");
        long onTime = rs.getLong("on_time");
        long reopened = rs.getLong("reopened");
        long counted24 = Math.max(0, received - undecided[0]);
        // an open incident past its resolution deadline is already late; the rejected and merged never count
        long countedOnTime = resolved + undecided[1];
        return new IncidentFigures(subtree.rootId(), from, to, received, accepted24, rate(accepted24, counted24),
                resolved, onTime, rate(onTime, countedOnTime), rs.getLong("overdue_now"),
                nullable(rs, "hours_to_accept"), nullable(rs, "hours_to_resolve"), nullable(rs, "rating"),
                rs.getLong("rated"), reopened, rate(reopened, received), counted24, countedOnTime);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value * 100) / 100.0;
    }
}
