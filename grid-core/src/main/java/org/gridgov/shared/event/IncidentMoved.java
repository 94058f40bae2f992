package org.gridgov.shared.event;

import java.time.Instant;

/**
 * Something happened to an incident: every entry of its timeline (reported, accepted, escalated, whistle, resolved,
 * closed, …) is published as one of these, synchronously inside the transaction that wrote the entry — so whatever a
 * listener writes in response (the integration outbox) commits or rolls back with the change itself.
 *
 * @param action the timeline action ({@code REPORTED}, {@code ACCEPT}, {@code ESCALATE}, {@code AUTO_ESCALATE},
 *        {@code WHISTLE}, {@code RESOLVE}, {@code AUTO_CLOSE}, …)
 * @param fromState the state before, null when reported; equal to {@code toState} for entries that do not move it
 * @param gridPath materialized path of the grid the incident lies in
 * @param holderGridPath materialized path of the level holding it now
 * @param expectedResolutionAt the resolution deadline the reporter sees
 * @param externalSource the system that sent it (a hotline), null for our own reports
 * @param externalTicket its ticket number there
 */
public record IncidentMoved(long incidentId, String trackingCode, String categoryCode, String source, String action,
        String fromState, String toState, String gridPath, long holderGridId, String holderGridPath,
        String holderGridName, String actor, Instant occurredAt, Instant expectedResolutionAt,
        String externalSource, String externalTicket) {

    public boolean changedState() {
        return fromState == null || !fromState.equals(toState);
    }
}
