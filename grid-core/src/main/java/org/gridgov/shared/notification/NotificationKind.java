package org.gridgov.shared.notification;

/**
 * What a notification is about: every event a person must act on, or learns the outcome of, has its kind. Apps branch
 * on it; people choose which kinds are streamed to them ({@code PUT /api/v1/me/notifications/preferences}).
 */
public enum NotificationKind {
    /** A new report in my grid (the holding level's staff). */
    INCIDENT_NEW,
    /** An incident escalated to my level. */
    INCIDENT_ESCALATED,
    /** My department was summoned (吹哨): check in by the deadline. */
    INCIDENT_WHISTLED,
    /** An incident I hold is past its acceptance or resolution deadline. */
    INCIDENT_OVERDUE,
    /** My department has not checked in by its deadline (and the street that summoned it). */
    INCIDENT_CHECK_IN_OVERDUE,
    /** Staff ask me, the reporter, for information. */
    INCIDENT_INFO_REQUESTED,
    /** The reporter answered our question. */
    INCIDENT_INFO_PROVIDED,
    /** My report was accepted (受理). */
    INCIDENT_ACCEPTED,
    /** My report was resolved (办结): please rate it. */
    INCIDENT_RESOLVED,
    /** My report was closed. */
    INCIDENT_CLOSED,
    /** My report was not taken up, with the reason. */
    INCIDENT_REJECTED,
    /** My report was merged into another; I follow that one. */
    INCIDENT_MERGED,
    /** The reporter was not satisfied: the incident is back with us. */
    INCIDENT_REOPENED,
    /** A higher level supervises (督办) an incident I hold, with a due date. */
    INCIDENT_SUPERVISED,
    /** Someone urges (催办) an incident I hold. */
    INCIDENT_URGED,
    /** An incident was reassigned (改派) to me. */
    INCIDENT_REASSIGNED,
    /** A service record waits for my review (points). */
    SERVICE_RECORD_TO_REVIEW,
    /** A welfare-pool grant waits for a second community worker's approval (points). */
    GRANT_TO_APPROVE,
    /** Carried over from the incident module's earlier inbox. */
    INCIDENT_LEGACY
}
