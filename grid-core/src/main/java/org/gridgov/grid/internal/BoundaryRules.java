package org.gridgov.grid.internal;

import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.stereotype.Component;

import org.gridgov.grid.GridProperties;
import org.gridgov.grid.GridStatus;
import org.gridgov.grid.GridType;
import org.gridgov.shared.DomainException;

/** The rules a boundary must meet within the tree: inside its parent, not overlapping sibling micro grids. */
@Component
public class BoundaryRules {

    private final GridNodeRepository nodes;
    private final GridBoundaryRepository boundaries;
    private final GridProperties properties;

    BoundaryRules(GridNodeRepository nodes, GridBoundaryRepository boundaries, GridProperties properties) {
        this.nodes = nodes;
        this.boundaries = boundaries;
        this.properties = properties;
    }

    public void check(GridNode node, Geometry boundary, String field) {
        if (node.getParentId() == null) {
            return;
        }
        boundaries.findCurrent(node.getParentId()).ifPresent(parent -> requireInside(boundary,
                parent.geometry(), field));
        if (node.getType() == GridType.MICRO_GRID) {
            requireNoSiblingOverlap(node, boundary, field);
        }
    }

    /** For imports: the same rules against geometries not yet stored. */
    public void requireInside(Geometry child, Geometry parent, String field) {
        PreparedGeometry slack = PreparedGeometryFactory.prepare(parent.buffer(properties.containmentTolerance()));
        if (!slack.covers(child)) {
            throw DomainException.ruleViolation("grid.boundary.outside-parent", field,
                    "The boundary reaches outside its parent's boundary");
        }
    }

    public void requireNoOverlap(Geometry boundary, Geometry sibling, String siblingCode, String field) {
        if (!boundary.getEnvelopeInternal().intersects(sibling.getEnvelopeInternal())) {
            return;
        }
        double overlap = boundary.intersection(sibling).getArea();
        double allowed = properties.overlapTolerance() * Math.min(boundary.getArea(), sibling.getArea());
        if (overlap > allowed) {
            throw DomainException.ruleViolation("grid.boundary.overlaps-sibling", field,
                    "The boundary overlaps sibling micro grid " + siblingCode + " by "
                            + Math.round(100 * overlap / boundary.getArea()) + "% of its area");
        }
    }

    private void requireNoSiblingOverlap(GridNode node, Geometry boundary, String field) {
        List<GridNode> siblings = nodes.findByParentIdAndStatusOrderByCode(node.getParentId(), GridStatus.ACTIVE,
                org.springframework.data.domain.Pageable.unpaged()).getContent().stream()
                .filter(sibling -> sibling.getType() == GridType.MICRO_GRID && !sibling.getId().equals(node.getId()))
                .toList();
        if (siblings.isEmpty()) {
            return;
        }
        var byId = siblings.stream().collect(java.util.stream.Collectors.toMap(GridNode::getId, GridNode::getCode));
        for (GridBoundary sibling : boundaries.findCurrent(byId.keySet())) {
            requireNoOverlap(boundary, sibling.geometry(), byId.get(sibling.getNodeId()), field);
        }
    }
}
