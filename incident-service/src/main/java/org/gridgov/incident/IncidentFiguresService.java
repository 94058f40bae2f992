package org.gridgov.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import java.sql.Timestamp;
import java.util.List;

import org.gridgov.grid.GridFiguresService;
import org.gridgov.grid.GridSubtree;
import org.springframework.jdbc.core.JdbcTemplate;
import org.gridgov.incident.internal.IncidentFigureQuery;
import org.gridgov.incident.internal.IncidentSql;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incident figures for any node and period: received, accepted within 24 h, resolved on time, overdue now, average
 * times, satisfaction, reopen rate — one aggregate query over the subtree's incidents.
 */
@Service
@Transactional(readOnly = true)
public class IncidentFiguresService {

    private final IncidentFigureQuery query;
    private final GridFiguresService grids;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    IncidentFiguresService(IncidentFigureQuery query, GridFiguresService grids, JdbcTemplate jdbc,
            Optional<Clock> clock) {
        this.query = query;
        this.jdbc = jdbc;
        this.grids = grids;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Figures of the node's subtree (404 outside the caller's scope); default period: the last 30 days. */
    public IncidentFigures figures(long nodeId, Instant from, Instant to) {
        Instant end = end(to);
        Instant start = start(from, end);
        if (!start.isBefore(end)) {
            throw DomainException.invalidField("incident.figures.period", "from", "from must be before to");
        }
        return query.compute(grids.subtree(nodeId), start, end);
    }

    /** Received and resolved per day (China time) in the subtree over the period: the console's trend chart. */
    public record Day(java.time.LocalDate day, long received, long resolved) {
    }

    /** A child of the node and its share of reports accepted within 24 h. */
    public record ChildRate(long gridId, String name, long received, Double acceptedWithin24hRate) {
    }

    public List<Day> daily(long nodeId, Instant from, Instant to) {
        Instant end = end(to);
        Instant start = start(from, end);
        PathRange subtree = PathRange.under(grids.subtree(nodeId).path());
        SqlPredicate inSubtree = subtree.sql("i.grid_path");
        return jdbc.query("""
                with days as (
                  select generate_series(date_trunc('day', ? at time zone 'Asia/Shanghai'),
                                         date_trunc('day', ? at time zone 'Asia/Shanghai'), interval '1 day') as day)
                select d.day::date,
                       (select count(*) from incident i where %s
                           and %s and (i.created_at at time zone 'Asia/Shanghai')::date = d.day::date),
                       (select count(*) from incident i where %s
                           and (i.resolved_at at time zone 'Asia/Shanghai')::date = d.day::date)
                  from days d order by d.day""".formatted(inSubtree.sql(), IncidentSql.counted("i"), inSubtree.sql()),
                (rs, row) -> new Day(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3)),
                IncidentSql.args(Timestamp.from(start), Timestamp.from(end), inSubtree, inSubtree));
    }

    /** For each direct child of the node (e.g. the streets of a district), its 24-hour response rate. */
    public List<ChildRate> byChild(long nodeId, Instant from, Instant to) {
        Instant end = end(to);
        Instant start = start(from, end);
        GridSubtree subtree = grids.subtree(nodeId);
        return jdbc.query("""
                select c.id, c.name,
                       count(i.id) filter (where i.accepted_at is not null
                                             or i.created_at <= now() - interval '24 hours'),
                       count(i.id) filter (where i.accepted_at <= i.created_at + interval '24 hours')
                  from grid_node c
                  left join incident i on %s
                        and i.created_at >= ? and i.created_at < ? and %s
                 where c.parent_id = ? and c.status = 'ACTIVE'
                 group by c.id, c.name order by c.name""".formatted(PathRange.sqlJoin("i.grid_path", "c.path"),
                        IncidentSql.counted("i")),
                (rs, row) -> {
                    long received = rs.getLong(3);
                    return new ChildRate(rs.getLong(1), rs.getString(2), received,
                            received == 0 ? null : Math.round(10_000.0 * rs.getLong(4) / received) / 10_000.0);
                }, Timestamp.from(start), Timestamp.from(end), subtree.rootId());
    }

    /** Per worker and per department, same subtree and period rules as {@link #figures}. */
    public IncidentBreakdown breakdown(long nodeId, Instant from, Instant to) {
        Instant end = end(to);
        Instant start = start(from, end);
        PathRange subtree = PathRange.under(grids.subtree(nodeId).path());
        SqlPredicate inSubtree = subtree.sql("i.grid_path");
        Object[] args = inSubtree.argsBefore(Timestamp.from(start), Timestamp.from(end));
        List<IncidentBreakdown.WorkerFigures> workers = jdbc.query("""
                select assignee_name, count(*), count(resolved_at),
                       count(*) filter (where resolved_at is not null and resolved_at <= resolve_due_at),
                       round(avg(rating), 2), count(rating)
                  from incident i
                 where %s and created_at >= ? and created_at < ?
                   and assignee_name is not null and %s
                 group by assignee_name order by avg(rating) desc nulls last, count(*) desc"""
                    .formatted(inSubtree.sql(), IncidentSql.counted("i")),
                (rs, row) -> new IncidentBreakdown.WorkerFigures(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getObject(5) == null ? null : rs.getDouble(5), rs.getLong(6)), args);
        List<IncidentBreakdown.DepartmentFigures> departments = jdbc.query("""
                select s.department_id, count(*), count(s.checked_in_at),
                       count(*) filter (where s.checked_in_at <= s.check_in_due_at), count(s.reported_at)
                  from incident_summons s join incident i on i.id = s.incident_id
                 where %s and s.summoned_at >= ? and s.summoned_at < ?
                 group by s.department_id order by s.department_id""".formatted(inSubtree.sql()),
                (rs, row) -> new IncidentBreakdown.DepartmentFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5)), args);
        return new IncidentBreakdown(workers, departments);
    }

    /** The period's end: {@code to}, or now. */
    private Instant end(Instant to) {
        return to == null ? clock.instant() : to;
    }

    /** The period's start: {@code from}, or 30 days before its end. */
    private static Instant start(Instant from, Instant end) {
        return from == null ? end.minus(Duration.ofDays(30)) : from;
    }
}
