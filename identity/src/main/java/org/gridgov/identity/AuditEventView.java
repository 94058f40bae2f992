package org.gridgov.identity;

import java.time.Instant;

/** One entry of the audit log. */
public record AuditEventView(long id, Instant occurredAt, String actor, String actorRole, String ip, String action,
        String targetType, String targetId, String detail) {
}
