package org.gridgov.incident.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface IncidentRepository extends JpaRepository<Incident, Long>, IncidentStateQueries {

    Optional<Incident> findByReporterUsernameAndIdempotencyKey(String reporterUsername, String idempotencyKey);

    Optional<Incident> findByTrackingCode(String trackingCode);

    boolean existsByTrackingCode(String trackingCode);

    /**
     * The next free tracking code of the day ({@code yyMMdd}) in one statement: the sequence's next number spelled by
     * the database's {@code incident_tracking_code}, the same function as {@code IncidentIntake.trackingCode}.
     */
    @Query(value = "select next_incident_tracking_code(:day)", nativeQuery = true)
    String nextTrackingCode(@Param("day") String day);

    /** The incident a system sent under its ticket number (unique per source). */
    Optional<Incident> findByExternalSourceAndExternalTicket(String externalSource, String externalTicket);

    /** The next number for a tracking code ({@code incident_tracking_seq}). */
    @Query(value = "select nextval('incident_tracking_seq')", nativeQuery = true)
    long nextTrackingNumber();

    /** The reports merged into an incident: their reporters follow it. */
    List<Incident> findByMergedIntoId(long survivorId);

    boolean existsByMergedIntoIdAndReporterUsername(long survivorId, String reporterUsername);

    /** Resolved before a time and not rated; locked as {@link #overdueForAcceptance} is. */
    @Query(value = """
            select * from incident where state = 'RESOLVED' and resolved_at < :before
             order by resolved_at limit :limit for update skip locked""", nativeQuery = true)
    List<Incident> resolvedUnratedSince(@Param("before") Instant before, @Param("limit") int limit);
}
