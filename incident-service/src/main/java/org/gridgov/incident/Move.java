package org.gridgov.incident;

/** The moves of the lifecycle; {@link IncidentLifecycle} says from where and by whom. */
public enum Move {
    ACCEPT, START, NOTE, ESCALATE, WHISTLE, CHECK_IN, REPORT_ACTION, RESOLVE, REJECT, RATE, CLOSE, MERGE,
    /** Staff ask the reporter for information; the deadline clock pauses. */
    ASK_REPORTER,
    /** The reporter answers; work and the clock go on. */
    REPORTER_REPLY,
    /** Staff go on without an answer; the clock goes on. */
    RESUME,
    /** 督办: a level above the holder marks the incident with a due date; the holder is told. */
    SUPERVISE,
    /** 催办: the reporter or a level above urges the holder. */
    URGE,
    /** 改派: a manager hands it to another grid in their scope, with a reason; it is accepted there anew. */
    REASSIGN,
    /** 延期: a level above, or the hotline that sent it, moves the resolution deadline later, with a reason. */
    EXTEND
}
