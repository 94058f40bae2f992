package org.gridgov.grid.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface GridBoundaryRepository extends JpaRepository<GridBoundary, Long> {

    @Query("select b from GridBoundary b where b.nodeId = :nodeId and b.validTo is null")
    Optional<GridBoundary> findCurrent(@Param("nodeId") long nodeId);

    @Query("select b from GridBoundary b where b.nodeId in :nodeIds and b.validTo is null")
    List<GridBoundary> findCurrent(@Param("nodeIds") Collection<Long> nodeIds);

    List<GridBoundary> findByNodeIdOrderByValidFromDesc(long nodeId);

    @Query("select b.nodeId from GridBoundary b where b.nodeId in :nodeIds and b.validTo is null")
    List<Long> nodesWithCurrentBoundary(@Param("nodeIds") Collection<Long> nodeIds);

    /** Boundaries valid at {@code at} whose bounding box contains the point: the candidates of a past locate. */
    @Query("""
            select b from GridBoundary b
             where b.minLng <= :lng and b.maxLng >= :lng and b.minLat <= :lat and b.maxLat >= :lat
               and b.validFrom <= :at and (b.validTo is null or b.validTo > :at)""")
    List<GridBoundary> candidatesAt(@Param("lat") double lat, @Param("lng") double lng, @Param("at") Instant at);
}
