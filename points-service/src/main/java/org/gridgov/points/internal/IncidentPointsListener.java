package org.gridgov.points.internal;

import org.gridgov.points.IncidentEarnings;
import org.gridgov.shared.event.IncidentClosed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A closed incident may earn points for whoever resolved it last ({@link IncidentEarnings}: confirmed by the
 * reporter, not self-reported, on time, within the monthly cap). Resolving alone earns nothing any more. Runs after
 * the closing transaction commits, from the event publication registry (retried if the node dies first); once per
 * incident however often it is delivered.
 */
@Component
class IncidentPointsListener {

    private final IncidentEarnings earnings;

    IncidentPointsListener(IncidentEarnings earnings) {
        this.earnings = earnings;
    }

    @ApplicationModuleListener
    void on(IncidentClosed event) {
        earnings.credit(event);
    }
}
