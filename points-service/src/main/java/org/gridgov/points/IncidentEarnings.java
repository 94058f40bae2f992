package org.gridgov.points;

import org.gridgov.shared.event.IncidentResolved;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Points for incidents resolved on time; the rule (how many) is configuration. */
@Service
public class IncidentEarnings {

    private final PointsLedger ledger;
    private final PointsProperties properties;

    IncidentEarnings(PointsLedger ledger, PointsProperties properties) {
        this.ledger = ledger;
        this.properties = properties;
    }

    /** Credits the resolver once per incident; late resolutions, the system and integrators earn nothing. */
    @Transactional
    public void credit(IncidentResolved event) {
        int points = properties.incidentOnTimePoints();
        if (!event.onTime() || event.resolvedByAccountId() == null || points <= 0) {
            return;
        }
        long person = ledger.personAccount(event.resolvedByAccountId(), event.resolvedBy());
        String ref = "incident:" + event.incidentId();
        ledger.post(Transfer.of(EntryType.EARN, ref, ref, "system", ledger.issuanceAccount(), person, points)
            .withRule("incident resolved on time: " + points + " (gridgov.points.incident-on-time-points)")
            .withGridPath(event.holderGridPath()).withMemo("按时办结 " + event.trackingCode()));
    }
}
