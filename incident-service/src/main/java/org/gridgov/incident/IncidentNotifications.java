package org.gridgov.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's inbox of incident notifications: what happened to their reports (accepted, a question, resolved,
 * merged into another and its outcome) and, for department staff, their summons. The apps poll it (push delivery
 * to phones is a transport on top of these rows).
 */
@Service
public class IncidentNotifications {

    /** One notification. */
    public record NotificationView(long id, long incidentId, String trackingCode, String message, Instant createdAt,
            Instant readAt) {
    }

    private final JdbcTemplate jdbc;
    private final CallerProvider callers;

    IncidentNotifications(JdbcTemplate jdbc, CallerProvider callers) {
        this.jdbc = jdbc;
        this.callers = callers;
    }

    public PageResult<NotificationView> mine(boolean unreadOnly, int page, int size) {
        List<Object> args = recipients();
        String where = " where n.recipient in (?, ?)" + (unreadOnly ? " and n.read_at is null" : "");
        Long total = jdbc.queryForObject("select count(*) from incident_notification n" + where, Long.class,
                args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<NotificationView> items = jdbc.query("""
                select n.id, n.incident_id, i.tracking_code, n.message, n.created_at, n.read_at
                  from incident_notification n join incident i on i.id = n.incident_id""" + where
                + " order by n.id desc limit ? offset ?",
                (rs, row) -> {
                    Timestamp read = rs.getTimestamp(6);
                    return new NotificationView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), read == null ? null : read.toInstant());
                }, pageArgs.toArray());
        long count = total == null ? 0 : total;
        return PageResult.of(items, page, size, count);
    }

    /** Marks one of the caller's notifications read; someone else's is not found. */
    @Transactional
    public void markRead(long id) {
        List<Object> args = new ArrayList<>(List.of(id));
        args.addAll(recipients());
        int updated = jdbc.update("update incident_notification set read_at = coalesce(read_at, now()) "
                + "where id = ? and recipient in (?, ?)", args.toArray());
        if (updated == 0) {
            throw DomainException.notFound("incident.notification.not-found", "No notification " + id);
        }
    }

    /** The recipient names the caller answers to: their username, and their department's summons address. */
    private List<Object> recipients() {
        Caller caller = callers.current();
        String department = caller.departmentId() == null ? caller.username() : "department:" + caller.departmentId();
        return new ArrayList<>(List.of(caller.username(), department));
    }
}
