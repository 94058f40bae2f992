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
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw DomainException.invalidField("incident.figures.period", "from", "from must be before to");
        }
        return query.compute(grids.subtree(nodeId), start, end);
    }

    /** Per worker and per department, same subtree and period rules as {@link #figures}. */
    public IncidentBreakdown breakdown(long nodeId, Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        GridSubtree subtree = grids.subtree(nodeId);
        Object[] args = { subtree.path(), subtree.upperBound(), Timestamp.from(start), Timestamp.from(end) };
        List<IncidentBreakdown.WorkerFigures> workers = jdbc.query("""
                select assignee_name, count(*), count(resolved_at),
                       count(*) filter (where resolved_at is not null and resolved_at <= resolve_due_at),
                       round(avg(rating), 2), count(rating)
                  from incident
                 where grid_path >= ? and grid_path < ? and created_at >= ? and created_at < ?
                   and assignee_name is not null and state <> 'MERGED'
                 group by assignee_name order by avg(rating) desc nulls last, count(*) desc""",
                (rs, row) -> new IncidentBreakdown.WorkerFigures(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getObject(5) == null ? null : rs.getDouble(5), rs.getLong(6)), args);
        List<IncidentBreakdown.DepartmentFigures> departments = jdbc.query("""
                select s.department_id, count(*), count(s.checked_in_at),
                       count(*) filter (where s.checked_in_at <= s.check_in_due_at), count(s.reported_at)
                  from incident_summons s join incident i on i.id = s.incident_id
                 where i.grid_path >= ? and i.grid_path < ? and s.summoned_at >= ? and s.summoned_at < ?
                 group by s.department_id order by s.department_id""",
                (rs, row) -> new IncidentBreakdown.DepartmentFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5)), args);
        return new IncidentBreakdown(workers, departments);
    }
}
