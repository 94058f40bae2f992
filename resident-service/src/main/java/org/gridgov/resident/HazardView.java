package org.gridgov.resident;

import java.time.Instant;

/** A failed checklist item of an inspection: a hazard, OPEN or passed on as an incident (INCIDENT_REQUESTED). */
public record HazardView(long id, long campaignId, long dwellingId, String address, String itemCode,
        String description, String status, Instant createdAt) {
}
