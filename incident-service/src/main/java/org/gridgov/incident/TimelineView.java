package org.gridgov.incident;

import java.time.Instant;

/** One step of an incident's timeline: who, when, what, from which state to which, at which grid. */
public record TimelineView(Instant at, String actor, String actorRole, String action, IncidentState from,
        IncidentState to, Long gridId, String note) {
}
