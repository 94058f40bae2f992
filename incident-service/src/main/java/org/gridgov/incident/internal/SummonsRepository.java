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
}
