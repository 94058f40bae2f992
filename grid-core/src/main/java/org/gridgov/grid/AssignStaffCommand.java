package org.gridgov.grid;

import java.time.LocalDate;

/** Assign a person to serve a grid in a role from {@code assignedFrom} (inclusive) to {@code assignedTo}. */
public record AssignStaffCommand(String personName, StaffRole role, String workPhone, boolean primaryWorker,
        LocalDate assignedFrom, LocalDate assignedTo) {
}
