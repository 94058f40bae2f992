package org.gridgov.incident.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TimelineRepository extends JpaRepository<TimelineEntry, Long> {

    List<TimelineEntry> findByIncidentIdOrderByIdAsc(long incidentId);

    long countByIncidentIdAndAction(long incidentId, String action);
}
