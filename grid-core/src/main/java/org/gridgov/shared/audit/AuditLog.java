package org.gridgov.shared.audit;

import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit log ({@code audit_event}; the database refuses updates and deletes). Each record is written
 * in its own transaction: a full view of personal data is logged even when the viewing transaction is read-only or
 * later fails.
 */
@Service
public class AuditLog {

    private final JdbcTemplate jdbc;
    private final ActorProvider actors;

    AuditLog(JdbcTemplate jdbc, ActorProvider actors) {
        this.jdbc = jdbc;
        this.actors = actors;
    }

    /**
     * Records what the current actor did.
     *
     * @param action e.g. {@code LOGIN_SUCCEEDED}, {@code PERSONAL_DATA_REVEALED}, {@code EXPORT}
     * @param scopePath the grid path the target belongs to, so scoped users see only their part of the log
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String action, String targetType, String targetId, String scopePath, String detail) {
        record(actors.current(), action, targetType, targetId, scopePath, detail);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Actor actor, String action, String targetType, String targetId, String scopePath,
            String detail) {
        insert(actor, action, targetType, targetId, scopePath, detail);
    }

    /**
     * Records a change <em>inside</em> the changing transaction: the record commits with the change and rolls back
     * with it, so the log never shows a change that did not happen (a grid moved, a worker assigned).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordChange(String action, String targetType, String targetId, String scopePath, String detail) {
        insert(actors.current(), action, targetType, targetId, scopePath, detail);
    }

    /** {@link #recordChange(String, String, String, String, String)} on behalf of a given actor (a background job's). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordChange(Actor actor, String action, String targetType, String targetId, String scopePath,
            String detail) {
        insert(actor, action, targetType, targetId, scopePath, detail);
    }

    private void insert(Actor actor, String action, String targetType, String targetId, String scopePath,
            String detail) {
        jdbc.update("""
                insert into audit_event (occurred_at, actor, actor_role, ip, action, target_type, target_id, scope_path,
                                         detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", java.sql.Timestamp.from(Instant.now()), actor.username(),
                actor.role(), actor.ip(), action, targetType, targetId, scopePath,
                detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail);
    }
}
