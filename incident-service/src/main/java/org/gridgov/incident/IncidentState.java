package org.gridgov.incident;

/** Where an incident is in its life. */
public enum IncidentState {
    /** Received, waiting for the holding level to accept (受理). */
    SUBMITTED,
    ACCEPTED,
    IN_PROGRESS,
    /** Moved up one level (上报), waiting for that level to accept. */
    ESCALATED,
    /** The street blew the whistle (吹哨): departments are summoned. */
    WHISTLED,
    /** Handled (办结), waiting for the reporter's rating. */
    RESOLVED,
    CLOSED,
    /** Not a matter for the platform; the reporter sees the reason. */
    REJECTED,
    /** Merged into another report of the same problem. */
    MERGED,
    /** The reporter was not satisfied: it goes back to work. */
    REOPENED,
    /** Waiting for the reporter to add information (待补充): the deadline clock is paused meanwhile. */
    AWAITING_INFO;

    public boolean isOpen() {
        return this != CLOSED && this != REJECTED && this != MERGED;
    }
}
