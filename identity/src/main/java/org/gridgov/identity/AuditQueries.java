package org.gridgov.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import org.gridgov.shared.PageResult;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.SqlPredicate;

/**
 * Reads the audit log through the data scope: city-wide users see all of it; others the events about their part of
 * the tree, and their own actions.
 */
@Service
public class AuditQueries {

    private final JdbcTemplate jdbc;
    private final DataScopeProvider scopes;

    AuditQueries(JdbcTemplate jdbc, DataScopeProvider scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    public PageResult<AuditEventView> search(String caller, String actor, String action, Instant from, Instant to,
            int page, int size) {
        SqlPredicate visible = scopes.current().sql("scope_path").or(SqlPredicate.of("actor = ?", caller));
        StringBuilder where = new StringBuilder(" where ").append(visible.sql());
        List<Object> args = new ArrayList<>(visible.args());
        if (actor != null && !actor.isBlank()) {
            where.append(" and actor = ?");
            args.add(actor.trim());
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action = ?");
            args.add(action.trim());
        }
        if (from != null) {
            where.append(" and occurred_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" and occurred_at < ?");
            args.add(Timestamp.from(to));
        }
        Long total = jdbc.queryForObject("select count(*) from audit_event" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AuditEventView> items = jdbc.query("select * from audit_event" + where
                + " order by occurred_at desc, id desc limit ? offset ?", (rs, row) -> new AuditEventView(rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), rs.getString("actor_role"),
                        rs.getString("ip"), rs.getString("action"), rs.getString("target_type"),
                        rs.getString("target_id"), rs.getString("detail")), pageArgs.toArray());
        long count = total == null ? 0 : total;
        return PageResult.of(items, page, size, count);
    }
}
