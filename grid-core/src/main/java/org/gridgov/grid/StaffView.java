package org.gridgov.grid;

import java.time.LocalDate;

/** A grid staff assignment. */
public record StaffView(long id, long nodeId, String personName, StaffRole role, String workPhone,
        boolean primaryWorker, LocalDate assignedFrom, LocalDate assignedTo, long version) {
}
