package org.gridgov.grid.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface GridStaffRepository extends JpaRepository<GridStaff, Long> {

    @Query("""
            select s from GridStaff s where s.nodeId = :nodeId and s.assignedFrom <= :day
               and (s.assignedTo is null or s.assignedTo >= :day)
             order by s.primaryWorker desc, s.role, s.personName""")
    List<GridStaff> onDuty(@Param("nodeId") long nodeId, @Param("day") LocalDate day);

    @Query("""
            select s from GridStaff s where s.nodeId in :nodeIds and s.assignedFrom <= :day
               and (s.assignedTo is null or s.assignedTo >= :day)
             order by s.primaryWorker desc, s.role, s.personName""")
    List<GridStaff> onDuty(@Param("nodeIds") Collection<Long> nodeIds, @Param("day") LocalDate day);

    List<GridStaff> findByNodeIdOrderByAssignedFromDesc(long nodeId);

    /**
     * Assignments of the grid that still run after {@code day}: open-ended ones and those whose last day
     * ({@code assignedTo}, inclusive, as in the staff API) is later. One that ends on {@code day} does not count:
     * the grid may be retired on the last day of its last assignment.
     */
    @Query("""
            select count(s) from GridStaff s where s.nodeId = :nodeId
               and (s.assignedTo is null or s.assignedTo > :day)""")
    long countOnDutyAfter(@Param("nodeId") long nodeId, @Param("day") LocalDate day);
}
