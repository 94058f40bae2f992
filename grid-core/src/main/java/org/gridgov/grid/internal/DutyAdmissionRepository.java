package org.gridgov.grid.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import org.gridgov.grid.StaffRole;

public interface DutyAdmissionRepository extends JpaRepository<DutyAdmission, Long> {

    /** Approvals in force on {@code day} at any of {@code nodeIds} (the target node and its ancestors). */
    @Query("""
            select a from DutyAdmission a where a.role = :role and a.workCode = :workCode and a.nodeId in :nodeIds
               and (a.validUntil is null or a.validUntil >= :day) order by a.approvedAt desc""")
    List<DutyAdmission> inForce(@Param("role") StaffRole role, @Param("workCode") String workCode,
            @Param("nodeIds") Collection<Long> nodeIds, @Param("day") LocalDate day);

    List<DutyAdmission> findByNodeIdOrderByApprovedAtDesc(long nodeId);
}
