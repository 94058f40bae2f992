package org.gridgov.points.internal;

import org.gridgov.points.VolunteerEarnings;
import org.gridgov.shared.event.VolunteerServiceConfirmed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Confirmed volunteering at a community activity earns Happiness Card points ({@link VolunteerEarnings}). Runs after
 * the confirming transaction commits, from the event publication registry (retried if the node dies first); once per
 * sign-up however often it is delivered.
 */
@Component
class VolunteerPointsListener {

    private final VolunteerEarnings earnings;

    VolunteerPointsListener(VolunteerEarnings earnings) {
        this.earnings = earnings;
    }

    @ApplicationModuleListener
    void on(VolunteerServiceConfirmed event) {
        earnings.credit(event);
    }
}
