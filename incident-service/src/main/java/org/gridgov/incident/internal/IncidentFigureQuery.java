package org.gridgov.incident.internal;

import java.sql.Timestamp;
import java.time.Instant;

import org.gridgov.grid.GridSubtree;
import org.gridgov.incident.IncidentFigures;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The one aggregate query behind incident figures, over a subtree's incidents (index on {@code grid_path}). */
@Component
public class IncidentFigureQuery {

    private final JdbcTemplate jdbc;

    IncidentFigureQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public IncidentFigures compute(GridSubtree subtree, Instant from, Instant to) {
        return jdbc.queryForObject("""
                select count(*) as received,
                       count(*) filter (where accepted_at is not null
                                          and accepted_at <= created_at + interval '24 hours') as accepted24,
                       count(*) filter (where resolved_at is not null) as resolved,
                       count(*) filter (where resolved_at is not null and resolved_at <= resolve_due_at) as on_time,
                       avg(extract(epoch from accepted_at - created_at)) / 3600 as hours_to_accept,
                       avg(extract(epoch from resolved_at - created_at)) / 3600 as hours_to_resolve,
                       avg(rating) as rating, count(rating) as rated,
                       count(*) filter (where reopen_count > 0) as reopened,
                       (select count(*) from incident o
                         where o.grid_path >= ? and o.grid_path < ?
                           and ((o.state in ('SUBMITTED', 'ESCALATED', 'REOPENED') and o.accept_due_at < now())
                             or (o.state in ('ACCEPTED', 'IN_PROGRESS', 'WHISTLED') and o.resolve_due_at < now())))
                           as overdue_now
                  from incident
                 where grid_path >= ? and grid_path < ? and created_at >= ? and created_at < ? and state <> 'MERGED'""",
                (rs, row) -> {
                    long received = rs.getLong("received");
                    long accepted24 = rs.getLong("accepted24");
                    long resolved = rs.getLong("resolved");
                    long onTime = rs.getLong("on_time");
                    long reopened = rs.getLong("reopened");
                    return new IncidentFigures(subtree.rootId(), from, to, received, accepted24, rate(accepted24, received),
                            resolved, onTime, rate(onTime, resolved), rs.getLong("overdue_now"),
                            nullable(rs, "hours_to_accept"), nullable(rs, "hours_to_resolve"), nullable(rs, "rating"),
                            rs.getLong("rated"), reopened, rate(reopened, received));
                }, subtree.path(), subtree.upperBound(), subtree.path(), subtree.upperBound(), Timestamp.from(from),
                Timestamp.from(to));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    private static Double nullable(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value * 100) / 100.0;
    }
}
