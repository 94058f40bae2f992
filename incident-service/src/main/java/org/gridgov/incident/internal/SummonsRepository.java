package org.gridgov.incident.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SummonsRepository extends JpaRepository<Summons, Long> {

    List<Summons> findByIncidentIdOrderById(long incidentId);

    List<Summons> findByIncidentIdInOrderById(Collection<Long> incidentIds);

    Optional<Summons> findByIncidentIdAndDepartmentId(long incidentId, long departmentId);

    boolean existsByIncidentIdAndDepartmentId(long incidentId, long departmentId);

    /** Not checked in by the deadline and not yet acted on; locked, skipping locked rows. */
    @org.springframework.data.jpa.repository.Query(value = """
            select * from incident_summons where checked_in_at is null and overdue_acted_at is null
               and check_in_due_at < :now order by check_in_due_at limit :limit for update skip locked""",
            nativeQuery = true)
    List<Summons> overdueForCheckIn(@org.springframework.data.repository.query.Param("now") java.time.Instant now,
            @org.springframework.data.repository.query.Param("limit") int limit);
}
