package org.gridgov.points.internal;

import org.gridgov.points.IncidentEarnings;
import org.gridgov.shared.event.IncidentResolved;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Resolving an incident on time earns the resolver points, by the rule in configuration
 * ({@code gridgov.points.incident-on-time-points}). Runs after the incident's transaction commits, from the event
 * publication registry (retried if the node dies first); idempotent because an incident's EARN entry is unique.
 */
@Component
class IncidentPointsListener {

    private final IncidentEarnings earnings;

    IncidentPointsListener(IncidentEarnings earnings) {
        this.earnings = earnings;
    }

    @ApplicationModuleListener
    void on(IncidentResolved event) {
        earnings.credit(event);
    }
}
