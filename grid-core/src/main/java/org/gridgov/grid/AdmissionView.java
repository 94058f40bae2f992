package org.gridgov.grid;

import java.time.Instant;
import java.time.LocalDate;

/** A recorded admission approval. */
public record AdmissionView(long id, long nodeId, StaffRole role, String workCode, String workTitle, String reason,
        String approvedBy, Instant approvedAt, LocalDate validUntil) {
}
