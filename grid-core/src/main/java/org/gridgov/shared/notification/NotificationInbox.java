package org.gridgov.shared.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.event.NotificationCreated;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.gridgov.shared.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notifications: written through the {@link Notifier} port by every module, read by each person as their inbox —
 * what is addressed to their account, to their role at the grid node they serve, or to their department. Read marks
 * are per account. The stream ({@link NotificationStreams}) pushes the same rows as they are written.
 */
@Service
@Transactional(readOnly = true)
public class NotificationInbox implements Notifier {

    /** One notification as its reader sees it. */
    public record NotificationView(long id, NotificationKind kind, String message, String subjectType, Long subjectId,
            String subjectRef, Instant createdAt, boolean read, Instant readAt) {

        /** The incident it concerns, for clients of the earlier inbox; null for other subjects. */
        public Long incidentId() {
            return "incident".equals(subjectType) ? subjectId : null;
        }

        /** The incident's tracking code, for clients of the earlier inbox. */
        public String trackingCode() {
            return "incident".equals(subjectType) ? subjectRef : null;
        }
    }

    /** A written notification with its recipient (for the stream, which decides who gets it). */
    record Addressed(Recipient recipient, NotificationView view) {
    }

    /** Which kinds are streamed to the caller (all but those they turned off). */
    public record Preferences(@io.swagger.v3.oas.annotations.media.Schema(description = "per kind: pushed on the "
            + "live stream or not", example = "{\"INCIDENT_URGED\": false}") Map<NotificationKind, Boolean> stream) {
    }

    private static final String COLUMNS = "n.id, n.kind, n.message, n.subject_type, n.subject_id, n.subject_ref, "
            + "n.created_at";

    private final JdbcTemplate jdbc;
    private final CallerProvider callers;
    private final ApplicationEventPublisher events;

    NotificationInbox(JdbcTemplate jdbc, CallerProvider callers, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.callers = callers;
        this.events = events;
    }

    @Override
    @Transactional
    public long notify(Recipient recipient, NotificationKind kind, String subjectType, Long subjectId,
            String subjectRef, String message, String gridPath) {
        String text = message.length() > 500 ? message.substring(0, 500) : message;
        // Written and announced in one statement: pg_notify inside this read-write transaction is delivered to every
        // node's stream when it commits (dropped on rollback) — ids only, the node reads the row (see ClusterEvents).
        Map<String, Object> row = jdbc.queryForMap("""
                with n as (
                    insert into notification (kind, recipient_kind, account_id, role, node_id, department_id,
                                              subject_type, subject_id, subject_ref, message)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id, created_at)
                select n.id, n.created_at, pg_notify(?, n.id || ?) from n""", kind.name(),
                recipient.kind().name(), recipient.accountId(),
                recipient.role() == null ? null : recipient.role().name(), recipient.nodeId(),
                recipient.departmentId(), subjectType, subjectId, subjectRef, text,
                NotificationStreams.CHANNEL, NotificationStreams.addressSuffix(recipient));
        long id = ((Number) row.get("id")).longValue();
        Instant createdAt = ((Timestamp) row.get("created_at")).toInstant();
        events.publishEvent(new NotificationCreated(id, kind, recipient, subjectType, subjectId, subjectRef, text,
                gridPath, createdAt));
        return id;
    }

    /** The caller's notifications, newest first; {@code unreadOnly} for the unread ones. */
    public PageResult<NotificationView> mine(boolean unreadOnly, int page, int size) {
        Caller caller = caller();
        if (caller.accountId() == null) {
            return PageResult.of(List.of(), page, size, 0);
        }
        List<Object> args = new ArrayList<>();
        args.add(caller.accountId());
        String where = addressedTo(caller, args) + (unreadOnly ? " and r.notification_id is null" : "");
        Long total = jdbc.queryForObject("select count(*) from notification n left join notification_read r "
                + "on r.notification_id = n.id and r.account_id = ? where " + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<NotificationView> items = jdbc.query("select " + COLUMNS + ", r.read_at from notification n "
                + "left join notification_read r on r.notification_id = n.id and r.account_id = ? where " + where
                + " order by n.id desc limit ? offset ?", NotificationInbox::view, pageArgs.toArray());
        return PageResult.of(items, page, size, total == null ? 0 : total);
    }

    /** How many of the caller's notifications are unread (the console's bell). */
    public long unreadCount() {
        Caller caller = callers.current();
        if (caller == null || caller.accountId() == null) {
            return 0;
        }
        List<Object> args = new ArrayList<>();
        args.add(caller.accountId());
        Long count = jdbc.queryForObject("select count(*) from notification n left join notification_read r "
                + "on r.notification_id = n.id and r.account_id = ? where " + addressedTo(caller, args)
                + " and r.notification_id is null", Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** Marks one of the caller's notifications read; someone else's is not found. Idempotent. */
    @Transactional
    public void markRead(long id) {
        Caller caller = caller();
        List<Object> args = new ArrayList<>();
        args.add(id);
        String where = caller.accountId() == null ? "false" : addressedTo(caller, args);
        Boolean mine = jdbc.queryForObject("select exists (select 1 from notification n where n.id = ? and " + where
                + ")", Boolean.class, args.toArray());
        if (!Boolean.TRUE.equals(mine)) {
            throw DomainException.notFound("notification.not-found", "No notification " + id);
        }
        jdbc.update("insert into notification_read (notification_id, account_id) values (?, ?) on conflict do nothing",
                id, caller.accountId());
    }

    /** Marks every notification of the caller read; returns how many were unread. */
    @Transactional
    public int markAllRead() {
        Caller caller = caller();
        if (caller.accountId() == null) {
            return 0;
        }
        List<Object> args = new ArrayList<>();
        args.add(caller.accountId());
        String where = addressedTo(caller, args);
        return jdbc.update("insert into notification_read (notification_id, account_id) select n.id, ? "
                + "from notification n where " + where + " on conflict do nothing", args.toArray());
    }

    /** Which kinds are streamed to the caller. */
    public Preferences preferences() {
        Set<NotificationKind> muted = muted(caller().accountId());
        Map<NotificationKind, Boolean> stream = new java.util.EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            stream.put(kind, !muted.contains(kind));
        }
        return new Preferences(stream);
    }

    /** Sets which kinds are streamed to the caller; kinds not named keep their setting. */
    @Transactional
    public Preferences updatePreferences(Map<NotificationKind, Boolean> stream) {
        Caller caller = caller();
        if (caller.accountId() == null) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "notification.no-account",
                    "Only accounts of people have notification preferences");
        }
        stream.forEach((kind, on) -> jdbc.update("""
                insert into notification_preference (account_id, kind, stream) values (?, ?, ?)
                on conflict (account_id, kind) do update set stream = excluded.stream""", caller.accountId(),
                kind.name(), on == null || on));
        return preferences();
    }

    /** The kinds this account turned off for the stream. */
    Set<NotificationKind> muted(Long accountId) {
        Set<NotificationKind> muted = EnumSet.noneOf(NotificationKind.class);
        if (accountId == null) {
            return muted;
        }
        jdbc.query("select kind from notification_preference where account_id = ? and not stream", rs -> {
            try {
                muted.add(NotificationKind.valueOf(rs.getString(1)));
            }
            catch (IllegalArgumentException ignored) {
                // a kind that no longer exists
            }
        }, accountId);
        return muted;
    }

    /**
     * The caller's notifications after {@code afterId}, oldest first (a stream resumed with Last-Event-ID). On the
     * primary: a stream must not miss what the replica has not replayed yet.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    List<NotificationView> since(Caller caller, long afterId, int limit) {
        if (caller.accountId() == null) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        args.add(caller.accountId());
        String where = addressedTo(caller, args);
        args.add(afterId);
        args.add(limit);
        return jdbc.query("select " + COLUMNS + ", r.read_at from notification n left join notification_read r "
                + "on r.notification_id = n.id and r.account_id = ? where " + where + " and n.id > ? order by n.id "
                + "limit ?", NotificationInbox::view, args.toArray());
    }

    /**
     * One notification with its recipient, for the stream that was told it was written (on the primary: it was
     * committed a moment ago); empty when there is none.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    Optional<Addressed> addressed(long id) {
        return jdbc.query("select " + COLUMNS + ", null, n.recipient_kind, n.account_id, n.role, n.node_id, "
                + "n.department_id from notification n where n.id = ?", (rs, row) -> new Addressed(new Recipient(
                        Recipient.Kind.valueOf(rs.getString(9)), (Long) rs.getObject(10),
                        rs.getString(11) == null ? null : Role.valueOf(rs.getString(11)), (Long) rs.getObject(12),
                        (Long) rs.getObject(13)), view(rs, row)), id).stream().findFirst();
    }

    /** The newest notification id (on the primary). */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    long newestId() {
        Long id = jdbc.queryForObject("select coalesce(max(id), 0) from notification", Long.class);
        return id == null ? 0 : id;
    }

    /** The SQL (on alias {@code n}) for "addressed to this caller": their account, role at their node, department. */
    private static String addressedTo(Caller caller, List<Object> args) {
        StringBuilder sql = new StringBuilder("((n.recipient_kind = 'ACCOUNT' and n.account_id = ?)");
        args.add(caller.accountId());
        if (caller.scopeNodeId() != null) {
            sql.append(" or (n.recipient_kind = 'ROLE_AT_NODE' and n.node_id = ? and n.role = ?)");
            args.add(caller.scopeNodeId());
            args.add(caller.role().name());
        }
        if (caller.role() == Role.DEPARTMENT_STAFF && caller.departmentId() != null) {
            sql.append(" or (n.recipient_kind = 'DEPARTMENT' and n.department_id = ?)");
            args.add(caller.departmentId());
        }
        return sql.append(')').toString();
    }

    private Caller caller() {
        Caller caller = callers.current();
        if (caller == null) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "auth.unauthenticated",
                    "Authentication is required");
        }
        return caller;
    }

    private static NotificationView view(ResultSet rs, int row) throws SQLException {
        Timestamp read = rs.getTimestamp(8);
        NotificationKind kind;
        try {
            kind = NotificationKind.valueOf(rs.getString(2));
        }
        catch (IllegalArgumentException ex) {
            kind = NotificationKind.INCIDENT_LEGACY;
        }
        return new NotificationView(rs.getLong(1), kind, rs.getString(3), rs.getString(4), (Long) rs.getObject(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), read != null, read == null ? null : read.toInstant());
    }
}
