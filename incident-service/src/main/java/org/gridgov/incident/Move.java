package org.gridgov.incident;

/** The moves of the lifecycle; {@link IncidentLifecycle} says from where and by whom. */
public enum Move {
    ACCEPT, START, NOTE, ESCALATE, WHISTLE, CHECK_IN, REPORT_ACTION, RESOLVE, REJECT, RATE, CLOSE, MERGE
}
