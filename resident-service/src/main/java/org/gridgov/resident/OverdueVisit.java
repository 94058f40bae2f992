package org.gridgov.resident;

import java.time.Instant;

import org.gridgov.grid.GridNodeRef;

/** A person under care whose next visit is due (or past due): the visit work list. */
public record OverdueVisit(long residentId, String name, CareLevel careLevel, String careReason, Instant lastVisitAt,
        Instant dueAt, long daysOverdue, GridNodeRef grid, String workerName) {

    /** Overdue visits of one grid and its worker. */
    public record GridSummary(GridNodeRef grid, String workerName, long underCare, long overdue) {
    }
}
