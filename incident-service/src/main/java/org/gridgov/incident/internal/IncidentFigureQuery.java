package org.gridgov.incident.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.grid.GridSubtree;
import org.gridgov.incident.IncidentFigures;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The aggregate query behind incident figures, from the rollups of migration {@code V2026_12_19_2000} (issue 18):
 * sums per node and day of creation (Asia/Shanghai) for nodes down to the community, per node and hour down to the
 * street, per node and 5-minute bucket for the CITY root and districts ({@code V2026_12_21_1100}), and for the CITY
 * root, districts and streets the open incidents by creation and deadline day ({@code V2026_12_21_1000} added the
 * streets) — all kept by triggers on {@code incident} in the transaction of each change. A node's figures read only
 * its own rows: the whole days of the period from the daily sums, the whole hours at its two ends from the hourly
 * sums, the whole 5-minute buckets left from the 5-minute sums, and what is left at the two ends (at most 5 minutes
 * each for the CITY and a district, the minutes for a street, the hours for a community) from {@code incident};
 * "overdue now" and "open past the resolution deadline" add to the days before today the incidents whose deadline
 * passed today. Below the community, and as the reference the tests compare with ({@link #live}), the figures read
 * the subtree's incidents. Both give the same figures.
 */
@Component
public class IncidentFigureQuery {

    /** The days of the daily sums and of the console's charts. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Nodes whose path has at most this many ids have daily sums: CITY, district, street, community. */
    static final int DAILY_MAX_DEPTH = 4;

    /** … hourly sums: CITY, district, street. */
    static final int HOURLY_MAX_DEPTH = 3;

    /** … 5-minute sums: CITY and district (a street has a few reports an hour). */
    static final int MINUTES_MAX_DEPTH = 2;

    /**
     * … sums of open incidents by deadline: CITY, district and street. A street has several hundred open incidents;
     * counting them live made the street's p95 five times its p50.
     */
    static final int OPEN_MAX_DEPTH = 3;

    private static final String TODAY = "(now() at time zone 'Asia/Shanghai')::date";
    private static final String TODAY_START = "(" + TODAY + "::timestamp at time zone 'Asia/Shanghai')";

    private static final String SUMS = """
            select coalesce(sum(received), 0) as received, coalesce(sum(accepted24), 0) as accepted24,
                   coalesce(sum(accepted), 0) as accepted, coalesce(sum(accept_seconds), 0) as accept_seconds,
                   coalesce(sum(resolved), 0) as resolved, coalesce(sum(on_time), 0) as on_time,
                   coalesce(sum(resolve_seconds), 0) as resolve_seconds, coalesce(sum(rated), 0) as rated,
                   coalesce(sum(rating_sum), 0) as rating_sum, coalesce(sum(reopened), 0) as reopened
              from (select received, accepted24, accepted, accept_seconds, resolved, on_time, resolve_seconds, rated,
                           rating_sum, reopened
                      from incident_figures_daily where node_path = ? and day >= ? and day < ?
                    union all
                    select received, accepted24, accepted, accept_seconds, resolved, on_time, resolve_seconds, rated,
                           rating_sum, reopened
                      from incident_figures_hourly
                     where node_path = ? and (hour >= ? and hour < ? or hour >= ? and hour < ?)
                    union all
                    select received, accepted24, accepted, accept_seconds, resolved, on_time, resolve_seconds, rated,
                           rating_sum, reopened
                      from incident_figures_minutes
                     where node_path = ? and (bucket >= ? and bucket < ? or bucket >= ? and bucket < ?
                                              or bucket >= ? and bucket < ? or bucket >= ? and bucket < ?)
                    union all
                    select 1, (accepted_at <= created_at + interval '24 hours')::int, (accepted_at is not null)::int,
                           coalesce(extract(epoch from accepted_at - created_at), 0), (resolved_at is not null)::int,
                           (resolved_at <= resolve_due_at)::int,
                           coalesce(extract(epoch from resolved_at - created_at), 0), rating_count, rating_total,
                           (reopen_count > 0)::int
                      from incident
                     where %s and %s
                       and (created_at >= ? and created_at < ? or created_at >= ? and created_at < ?
                            or created_at >= ? and created_at < ? or created_at >= ? and created_at < ?
                            or created_at >= ? and created_at < ? or created_at >= ? and created_at < ?
                            or created_at >= ? and created_at < ? or created_at >= ? and created_at < ?)) x""";

    private final JdbcTemplate jdbc;

    /**
     * The first 5-minute bucket from which {@code incident_figures_minutes} is complete, read once: it only ever moves
     * earlier ({@code incident_figures_rebuild()}), so a value read before is still safe to use.
     */
    private volatile Instant minutesSince;

    IncidentFigureQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public IncidentFigures compute(GridSubtree subtree, Instant from, Instant to) {
        int depth = subtree.depth();
        if (depth > DAILY_MAX_DEPTH) {
            return live(subtree, from, to);
        }
        boolean hourly = depth <= HOURLY_MAX_DEPTH;
        Instant minutes = depth <= MINUTES_MAX_DEPTH ? minutesSince() : null;
        Instant dayAgo = Instant.now().minus(Duration.ofHours(24));
        Instant youngFrom = from.isAfter(dayAgo) ? from : dayAgo;
        Split period = Split.of(from, to, hourly, minutes);
        Split young = youngFrom.isBefore(to) ? Split.of(youngFrom, to, hourly, minutes)
                : Split.of(to, to, hourly, minutes);
        SqlPredicate inSubtree = subtree.range().sql("grid_path");
        SqlPredicate late;
        SqlPredicate overdue;
        if (depth <= OPEN_MAX_DEPTH) {
            late = openLateFromRollup(subtree, period);
            overdue = overdueFromRollup(subtree);
        }
        else {
            SqlPredicate open = subtree.range().sql("o.grid_path");
            late = SqlPredicate.of("(select count(*) from incident o where " + open.sql() + " and "
                    + IncidentSql.open("o") + " and o.resolve_due_at < now() and o.created_at >= ? and o.created_at < ?)",
                    IncidentSql.args(open, Timestamp.from(from), Timestamp.from(to)));
            overdue = SqlPredicate.of("(select count(*) from incident o where " + open.sql() + " and "
                    + IncidentSql.deadlineRunning("o") + " and " + IncidentSql.overdue("o") + ")",
                    open.args().toArray());
        }
        String sums = SUMS.formatted(inSubtree.sql(), IncidentSql.counted(""));
        // One statement text serves the CITY root and a community: a generic plan (what PostgreSQL may settle on for
        // a statement prepared by the driver) cannot know that the CITY's path range is the whole table and might
        // read the minutes at the period's ends by path instead of by time. Plan with the values, in this
        // transaction only (outside one, SET LOCAL does nothing).
        jdbc.execute("set local plan_cache_mode = force_custom_plan");
        return jdbc.queryForObject("""
                select p.received, p.accepted24, p.resolved, p.on_time,
                       p.accept_seconds / nullif(p.accepted, 0) / 3600 as hours_to_accept,
                       p.resolve_seconds / nullif(p.resolved, 0) / 3600 as hours_to_resolve,
                       p.rating_sum::numeric / nullif(p.rated, 0) as rating, p.rated, p.reopened,
                       y.received - y.accepted as young_undecided, %s as open_late, %s as overdue_now
                  from (%s) p cross join (%s) y""".formatted(late.sql(), overdue.sql(), sums, sums),
                (rs, row) -> figures(subtree, from, to, rs,
                        new long[] { rs.getLong("young_undecided"), rs.getLong("open_late") }),
                arguments(late, overdue, period.args(subtree.path(), inSubtree),
                        young.args(subtree.path(), inSubtree)));
    }

    /**
     * Open incidents created in the period and past their resolution deadline now: whole days of creation from the
     * rollup (deadline day before today; those due today read by deadline), the two ends of the period by creation
     * time. Both read only open incidents (partial indexes).
     */
    private static SqlPredicate openLateFromRollup(GridSubtree subtree, Split period) {
        SqlPredicate open = subtree.range().sql("o.grid_path");
        String openState = IncidentSql.openIn("o");
        return SqlPredicate.of("""
                ((select coalesce(sum(open_count), 0) from incident_figures_open
                   where node_path = ? and created_day >= ? and created_day < ? and resolve_due_day < %s)
                 + (select count(*) from incident o where %s and %s
                       and o.resolve_due_at >= %s and o.resolve_due_at < now()
                       and o.created_at >= ? and o.created_at < ?)
                 + (select count(*) from incident o where %s and %s and o.resolve_due_at < now()
                       and (o.created_at >= ? and o.created_at < ? or o.created_at >= ? and o.created_at < ?)))"""
                .formatted(TODAY, open.sql(), openState, TODAY_START, open.sql(), openState),
                IncidentSql.args(subtree.path(), Date.valueOf(period.firstDay()), Date.valueOf(period.lastDay()),
                        open, Timestamp.from(dayStart(period.firstDay())), Timestamp.from(dayStart(period.lastDay())),
                        open, Timestamp.from(period.dayEdges()[0]), Timestamp.from(period.dayEdges()[1]),
                        Timestamp.from(period.dayEdges()[2]), Timestamp.from(period.dayEdges()[3])));
    }

    /** Running deadlines passed: due before today from the rollup, due today and passed read by deadline. */
    private static SqlPredicate overdueFromRollup(GridSubtree subtree) {
        SqlPredicate open = subtree.range().sql("o.grid_path");
        return SqlPredicate.of("""
                ((select coalesce(sum(running), 0) from incident_figures_due where node_path = ? and due_day < %s)
                 + (select count(*) from incident o where %s
                       and ((%s and o.accept_due_at >= %s) or (%s and o.resolve_due_at >= %s))))"""
                .formatted(TODAY, open.sql(), IncidentSql.acceptOverdue("o", "now()"), TODAY_START,
                        IncidentSql.resolveOverdue("o", "now()"), TODAY_START),
                IncidentSql.args(subtree.path(), open));
    }

    /**
     * The figures from the subtree's incidents alone, as before the rollups: what {@link #compute} answers below the
     * community, and the reference it must equal (IncidentFiguresRollupIT).
     */
    public IncidentFigures live(GridSubtree subtree, Instant from, Instant to) {
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
                       (select count(*) from incident o where %s and %s and %s) as overdue_now
                  from incident
                 where %s and created_at >= ? and created_at < ? and %s""".formatted(overdueInSubtree.sql(),
                        IncidentSql.deadlineRunning("o"), IncidentSql.overdue("o"), inSubtree.sql(),
                        IncidentSql.counted("")),
                (rs, row) -> figures(subtree, from, to, rs, undecided(subtree, from, to)),
                IncidentSql.args(overdueInSubtree, inSubtree, Timestamp.from(from), Timestamp.from(to)));
    }

    private Instant minutesSince() {
        Instant since = minutesSince;
        if (since == null) {
            Timestamp value = jdbc.queryForObject(
                    "select greatest(since, '1970-01-01Z') from incident_figures_minutes_since", Timestamp.class);
            since = value.toInstant();
            minutesSince = since;
        }
        return since;
    }

    /**
     * A period [from, to) cut for the rollups: whole days [firstDay, lastDay) (empty when equal), the two partial
     * days at its ends ({@code dayEdges}: from, first day's start, last day's start, to); in each partial day the whole
     * hours ({@code hours}, one range each; empty without hourly sums), in what is left of it on either side of those
     * hours the whole 5-minute buckets ({@code minutes}, two ranges each; empty without 5-minute sums or before the
     * buckets are complete) and the rest for {@code incident} ({@code live}, four ranges each). Every instant of the
     * period is in exactly one of them.
     */
    record Split(LocalDate firstDay, LocalDate lastDay, Instant[] dayEdges, Instant[] hours, Instant[] minutes,
            Instant[] live) {

        private static final Duration BUCKET = Duration.ofMinutes(5);

        /** {@code minutesSince}: where the 5-minute sums are complete from, or null where the node has none. */
        static Split of(Instant from, Instant to, boolean hourly, Instant minutesSince) {
            LocalDate firstDay = LocalDate.ofInstant(from, CHINA);
            if (dayStart(firstDay).isBefore(from)) {
                firstDay = firstDay.plusDays(1);
            }
            LocalDate lastDay = LocalDate.ofInstant(to, CHINA);
            Instant[] edges;
            if (firstDay.isBefore(lastDay)) {
                edges = new Instant[] { from, dayStart(firstDay), dayStart(lastDay), to };
            }
            else {
                firstDay = lastDay;
                edges = new Instant[] { from, to, to, to };
            }
            Instant[] hours = new Instant[4];
            Instant[] minutes = new Instant[8];
            Instant[] live = new Instant[16];
            for (int e = 0; e < 2; e++) {
                Instant start = edges[2 * e];
                Instant end = edges[2 * e + 1];
                Instant firstHour = ceil(start, Duration.ofHours(1));
                Instant lastHour = floor(end, Duration.ofHours(1));
                Instant[][] rest;
                if (hourly && firstHour.isBefore(lastHour)) {
                    hours[2 * e] = firstHour;
                    hours[2 * e + 1] = lastHour;
                    rest = new Instant[][] { { start, firstHour }, { lastHour, end } };
                }
                else {
                    hours[2 * e] = start;
                    hours[2 * e + 1] = start;
                    rest = new Instant[][] { { start, end }, { end, end } };
                }
                for (int r = 0; r < 2; r++) {
                    Instant a = rest[r][0];
                    Instant b = rest[r][1];
                    Instant firstBucket = ceil(a, BUCKET);
                    Instant lastBucket = floor(b, BUCKET);
                    boolean buckets = minutesSince != null && !a.isBefore(minutesSince)
                            && firstBucket.isBefore(lastBucket);
                    int m = 4 * e + 2 * r;
                    int l = 8 * e + 4 * r;
                    // [a, b) = live [a, firstBucket) + buckets [firstBucket, lastBucket) + live [lastBucket, b), or
                    // all of it live
                    minutes[m] = buckets ? firstBucket : a;
                    minutes[m + 1] = buckets ? lastBucket : a;
                    live[l] = a;
                    live[l + 1] = buckets ? firstBucket : b;
                    live[l + 2] = buckets ? lastBucket : b;
                    live[l + 3] = b;
                }
            }
            return new Split(firstDay, lastDay, edges, hours, minutes, live);
        }

        /** The arguments of {@link #SUMS} for this period. */
        Object[] args(String nodePath, SqlPredicate inSubtree) {
            List<Object> args = new ArrayList<>();
            args.add(nodePath);
            args.add(Date.valueOf(firstDay));
            args.add(Date.valueOf(lastDay));
            args.add(nodePath);
            for (Instant hour : hours) {
                args.add(Timestamp.from(hour));
            }
            args.add(nodePath);
            for (Instant bucket : minutes) {
                args.add(Timestamp.from(bucket));
            }
            args.addAll(inSubtree.args());
            for (Instant instant : live) {
                args.add(Timestamp.from(instant));
            }
            return args.toArray();
        }

        /** The instant rounded up to a whole unit (hours and 5-minute buckets are whole in UTC and in China). */
        private static Instant ceil(Instant instant, Duration unit) {
            Instant floor = floor(instant, unit);
            return floor.isBefore(instant) ? floor.plus(unit) : floor;
        }

        private static Instant floor(Instant instant, Duration unit) {
            long seconds = unit.getSeconds();
            return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
        }
    }

    private static Object[] arguments(SqlPredicate late, SqlPredicate overdue, Object[] period, Object[] young) {
        List<Object> args = new ArrayList<>(late.args());
        args.addAll(overdue.args());
        args.addAll(List.of(period));
        args.addAll(List.of(young));
        return args.toArray();
    }

    private static Instant dayStart(LocalDate day) {
        return day.atStartOfDay(CHINA).toInstant();
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
