package org.gridgov.incident.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface IncidentRepository extends JpaRepository<Incident, Long> {

    Optional<Incident> findByReporterUsernameAndIdempotencyKey(String reporterUsername, String idempotencyKey);

    Optional<Incident> findByTrackingCode(String trackingCode);

    /** The reports merged into an incident: their reporters follow it. */
    List<Incident> findByMergedIntoId(long survivorId);

    boolean existsByMergedIntoIdAndReporterUsername(long survivorId, String reporterUsername);

    /** Open incidents of a category in a bounding box since a time: candidates for "possibly the same". */
    @Query("""
            select i from Incident i where i.categoryCode = :category and i.createdAt >= :since
               and i.lat between :minLat and :maxLat and i.lng between :minLng and :maxLng
               and i.state not in (org.gridgov.incident.IncidentState.CLOSED,
                                   org.gridgov.incident.IncidentState.REJECTED,
                                   org.gridgov.incident.IncidentState.MERGED)
             order by i.createdAt desc""")
    List<Incident> openNear(@Param("category") String category, @Param("since") Instant since,
            @Param("minLat") double minLat, @Param("maxLat") double maxLat, @Param("minLng") double minLng,
            @Param("maxLng") double maxLng);

    /** Overdue for acceptance; locked so that no other node's job escalates the same ones. */
    @Query(value = """
            select * from incident where state in ('SUBMITTED', 'ESCALATED', 'REOPENED') and accept_due_at < :now
             order by accept_due_at limit :limit for update skip locked""", nativeQuery = true)
    List<Incident> overdueForAcceptance(@Param("now") Instant now, @Param("limit") int limit);

    @Query(value = """
            select * from incident where state = 'RESOLVED' and resolved_at < :before
             order by resolved_at limit :limit for update skip locked""", nativeQuery = true)
    List<Incident> resolvedUnratedSince(@Param("before") Instant before, @Param("limit") int limit);
}
