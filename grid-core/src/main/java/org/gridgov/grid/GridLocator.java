package org.gridgov.grid;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

import org.gridgov.grid.internal.Geometries;
import org.gridgov.grid.internal.GridBoundary;
import org.gridgov.grid.internal.GridBoundaryRepository;
import org.gridgov.grid.internal.GridNode;
import org.gridgov.grid.internal.GridNodeMapper;
import org.gridgov.grid.internal.GridNodeRepository;
import org.gridgov.grid.internal.GridSpatialIndex;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Which grid is this point in": the deepest active grid whose boundary contains it (a dedicated grid wins over
 * the micro grid around it), answered from the in-memory spatial index; past instants are answered from the
 * boundary history.
 */
@Service
public class GridLocator {

    private final GridSpatialIndex index;
    private final GridStaffService staff;
    private final GridBoundaryRepository boundaries;
    private final GridNodeRepository nodes;
    private final GridNodeMapper mapper;

    GridLocator(GridSpatialIndex index, GridStaffService staff, GridBoundaryRepository boundaries,
            GridNodeRepository nodes, GridNodeMapper mapper) {
        this.index = index;
        this.staff = staff;
        this.boundaries = boundaries;
        this.nodes = nodes;
        this.mapper = mapper;
    }

    /**
     * The grid at a WGS84 point, from memory only (no database round trip), so not transactional: a transaction
     * would take a pooled connection to send nothing (a warm public card).
     */
    public Optional<GridNodeRef> gridAt(GeoPoint point) {
        return index.locate(point.lat(), point.lng()).map(index::node).map(mapper::toRef);
    }


    /** The grid that held the point at {@code at} (for attributing old reports after boundaries were redrawn). */
    @Transactional(readOnly = true)
    public Optional<GridNodeRef> gridAt(GeoPoint point, Instant at) {
        Point p = Geometries.factory().createPoint(new Coordinate(point.lng(), point.lat()));
        List<GridBoundary> candidates = boundaries.candidatesAt(point.lat(), point.lng(), at);
        var nodeById = nodes.findAllById(candidates.stream().map(GridBoundary::getNodeId).toList()).stream()
            .collect(java.util.stream.Collectors.toMap(GridNode::getId, n -> n));
        return candidates.stream()
            .filter(boundary -> boundary.geometry().covers(p))
            .map(boundary -> nodeById.get(boundary.getNodeId()))
            .max(Comparator.<GridNode>comparingInt(n -> n.getType().locatePriority())
                .thenComparing(GridNode::getDepth))
            .map(mapper::toRef);
    }

    /**
     * The grid's chain (the root down to the grid) and its staff on duty, with no regard to any scope: for
     * {@link LocateService}, which shows them only inside the caller's scope.
     */
    @Transactional(readOnly = true)
    GridLocation inside(GeoPoint point, long id, GridCard card) {
        List<GridNodeRef> chain = index.chain(id).stream().map(mapper::toRef).toList();
        return new GridLocation(point, card, true, chain.get(chain.size() - 1), chain, staff.onDutyUnscoped(id));
    }
}
