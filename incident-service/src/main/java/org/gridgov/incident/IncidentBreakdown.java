package org.gridgov.incident;

import java.util.List;

/**
 * Incident figures per worker (the assignee: ratings feed the "居民满意网格员" rankings) and per summoned department
 * (did they check in by their deadline), for a grid subtree and period.
 */
public record IncidentBreakdown(List<WorkerFigures> workers, List<DepartmentFigures> departments) {

    public record WorkerFigures(String worker, long assigned, long resolved, long resolvedOnTime, Double averageRating,
            long rated) {
    }

    public record DepartmentFigures(long departmentId, long summoned, long checkedIn, long checkedInOnTime,
            long reported) {
    }
}
