package org.gridgov.grid.internal;

import org.locationtech.jts.geom.Geometry;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import org.gridgov.grid.BoundaryView;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridNodeView;
import org.gridgov.shared.mapping.MappingConfig;

/** Grid nodes and their boundaries as the API shows them. */
@Mapper(config = MappingConfig.class)
public interface GridNodeMapper {

    /**
     * A node with what its view adds from outside the entity: the parent's code and the counts the service
     * looked up (one query for a whole page of tree rows).
     */
    @Mapping(target = "parentCode", source = "parentCode")
    @Mapping(target = "hasBoundary", source = "hasBoundary")
    @Mapping(target = "activeChildren", source = "activeChildren")
    GridNodeView toView(GridNode node, String parentCode, boolean hasBoundary, long activeChildren);

    GridNodeRef toRef(GridNode node);

    /** An active node as the in-memory spatial index knows it. */
    GridNodeRef toRef(GridSpatialIndex.NodeInfo node);

    /** The boundary as GeoJSON, with its validity period. */
    @Mapping(target = "geoJson", expression = "java(Geometries.toGeoJson(boundary.geometry()))")
    BoundaryView toView(GridBoundary boundary);

    /** A boundary just stored, shown with the geometry as submitted rather than read back from its WKB. */
    @Mapping(target = "geoJson", expression = "java(Geometries.toGeoJson(geometry))")
    BoundaryView toView(GridBoundary boundary, Geometry geometry);
}
