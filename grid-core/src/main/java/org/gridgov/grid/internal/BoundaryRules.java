package org.gridgov.grid.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.gridgov.grid.GridProperties;
import org.gridgov.grid.GridType;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;

/**
 * The rules a boundary must meet in the tree, at every level (docs/API.md, "Geometry rules"):
 * <ul>
 *   <li>a grid lies within its parent — or, when the parent has no boundary, within its nearest ancestor that has
 *       one — give or take {@link GridProperties#edgeToleranceMetres()};</li>
 *   <li>siblings do not overlap: an overlap of at most {@link GridProperties#overlapToleranceSquareMetres()}, or one
 *       nowhere wider than twice the edge tolerance (a shared edge drawn twice), is tolerated;</li>
 *   <li>a dedicated grid may overlap the grids it sits in and their siblings (it wins in locate), not another
 *       dedicated grid.</li>
 * </ul>
 * Checked on create, boundary redraw and move here, and for a whole import (in one pass) by the import's validator
 * with the same primitives. A refusal is a 422 naming both grids.
 */
@Component
public class BoundaryRules {

    private final GridNodeRepository nodes;
    private final GridBoundaryRepository boundaries;
    private final JdbcTemplate jdbc;
    private final GridProperties properties;

    BoundaryRules(GridNodeRepository nodes, GridBoundaryRepository boundaries, JdbcTemplate jdbc,
            GridProperties properties) {
        this.nodes = nodes;
        this.boundaries = boundaries;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** A new grid {@code code} of {@code type} under {@code parent} (null for a root) with this boundary. */
    public void checkNew(String code, GridType type, GridNode parent, Geometry boundary, String field) {
        requireWithinAncestor(code, parent == null ? List.of() : parent.pathIds(), boundary, field);
        requireNoSiblingOverlap(code, type, parent == null ? null : parent.getId(), null, boundary, field);
    }

    /** A grid's boundary redrawn: inside its ancestors, clear of its siblings, still around its own children. */
    public void checkRedraw(GridNode node, Geometry boundary, String field) {
        List<Long> ancestors = node.pathIds().subList(0, node.pathIds().size() - 1);
        requireWithinAncestor(node.getCode(), ancestors, boundary, field);
        requireNoSiblingOverlap(node.getCode(), node.getType(), node.getParentId(), node.getId(), boundary, field);
        ParentArea area = area(node.getCode(), boundary);
        for (Drawn child : nearestDrawnDescendants(node.getId())) {
            area.outside(child.code(), child.geometry()).ifPresent(outside -> {
                throw violation("grid.boundary.child-outside", field, "The new boundary of " + node.getCode()
                        + " leaves its child " + child.code() + " " + outside, node.getCode(), child.code());
            });
        }
    }

    /** A grid about to move under {@code newParent}: its map must agree with the new place in the tree. */
    public void checkMove(GridNode node, GridNode newParent, String field) {
        Optional<GridBoundary> own = boundaries.findCurrent(node.getId());
        if (own.isPresent()) {
            Geometry boundary = own.get().geometry();
            requireWithinAncestor(node.getCode(), newParent.pathIds(), boundary, field);
            requireNoSiblingOverlap(node.getCode(), node.getType(), newParent.getId(), node.getId(), boundary, field);
            return;
        }
        // no boundary of its own: its nearest drawn descendants must lie within the new ancestors
        Optional<Drawn> ancestor = nearestDrawn(newParent.pathIds());
        if (ancestor.isEmpty()) {
            return;
        }
        ParentArea area = area(ancestor.get().code(), ancestor.get().geometry());
        for (Drawn drawn : nearestDrawnDescendants(node.getId())) {
            area.outside(drawn.code(), drawn.geometry()).ifPresent(outside -> {
                throw violation("grid.boundary.outside-parent", field, "Moved under " + newParent.getCode() + ", "
                        + drawn.code() + " (in " + node.getCode() + ") reaches " + outside + " of "
                        + ancestor.get().code(), drawn.code(), ancestor.get().code());
            });
        }
    }

    /** The containment check against one parent's boundary, for many children (prepared once). */
    public ParentArea area(String parentCode, Geometry parent) {
        return new ParentArea(parentCode, parent, properties.edgeToleranceMetres());
    }

    /**
     * How much two sibling boundaries overlap beyond the tolerance, in m², or empty when they do not (touching
     * edges, a sliver along a shared edge, a few square metres). Cheap when the envelopes only touch.
     */
    public Optional<Double> overlap(Geometry a, Geometry b) {
        Envelope common = a.getEnvelopeInternal().intersection(b.getEnvelopeInternal());
        if (common.isNull() || common.getWidth() == 0 || common.getHeight() == 0 || !a.intersects(b)) {
            return Optional.empty();
        }
        Geometry shared = a.intersection(b);
        if (shared.getArea() == 0) {
            return Optional.empty();
        }
        double squareMetres = LocalMetres.squareMetres(shared);
        if (squareMetres <= properties.overlapToleranceSquareMetres()) {
            return Optional.empty();
        }
        double lat = shared.getEnvelopeInternal().centre().y;
        if (LocalMetres.toMetres(shared, lat).buffer(-properties.edgeToleranceMetres()).isEmpty()) {
            return Optional.empty(); // nowhere wider than 2 × the tolerance: one edge drawn twice
        }
        return Optional.of(squareMetres);
    }

    /** The refusal for an overlap found by {@link #overlap}. */
    public DomainException overlapping(String code, Geometry boundary, String siblingCode, double squareMetres,
            String field) {
        double share = 100 * squareMetres / LocalMetres.squareMetres(boundary);
        return violation("grid.boundary.overlaps-sibling", field, "Grid " + code + " overlaps its sibling "
                + siblingCode + " by " + format(squareMetres) + " m² (" + format(share) + " % of " + code
                + "; tolerated: " + format(properties.overlapToleranceSquareMetres()) + " m²)", code, siblingCode);
    }

    /** Whether two siblings of these types may overlap: a dedicated grid over the others, never two dedicated. */
    public static boolean mayOverlap(GridType a, GridType b) {
        return (a == GridType.DEDICATED_GRID) != (b == GridType.DEDICATED_GRID);
    }

    public static DomainException violation(String code, String field, String message, String grid,
            String otherGrid) {
        Map<String, Object> both = new HashMap<>();
        both.put("grid", grid);
        both.put("otherGrid", otherGrid);
        return new DomainException(DomainException.Kind.RULE_VIOLATION, code, message,
                List.of(new FieldViolation(field, code, message)), both);
    }

    static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private void requireWithinAncestor(String code, List<Long> ancestorIds, Geometry boundary, String field) {
        Optional<Drawn> ancestor = nearestDrawn(ancestorIds);
        if (ancestor.isEmpty()) {
            return;
        }
        area(ancestor.get().code(), ancestor.get().geometry()).outside(code, boundary).ifPresent(outside -> {
            throw violation("grid.boundary.outside-parent", field, "Grid " + code + " reaches " + outside
                    + " of its parent " + ancestor.get().code(), code, ancestor.get().code());
        });
    }

    private void requireNoSiblingOverlap(String code, GridType type, Long parentId, Long self, Geometry boundary,
            String field) {
        Envelope e = boundary.getEnvelopeInternal();
        String parent = parentId == null ? "n.parent_id is null" : "n.parent_id = ?";
        List<Object> args = new ArrayList<>();
        if (parentId != null) {
            args.add(parentId);
        }
        args.addAll(List.of(self == null ? -1L : self, e.getMaxX(), e.getMinX(), e.getMaxY(), e.getMinY()));
        jdbc.query("""
                select n.code, n.type, b.geometry from grid_node n
                  join grid_boundary b on b.node_id = n.id and b.valid_to is null
                 where %s and n.status = 'ACTIVE' and n.id <> ?
                   and b.min_lng <= ? and b.max_lng >= ? and b.min_lat <= ? and b.max_lat >= ?""".formatted(parent),
                rs -> {
                    if (mayOverlap(type, GridType.valueOf(rs.getString(2)))) {
                        return;
                    }
                    String sibling = rs.getString(1);
                    Geometry other = Geometries.fromWkb(rs.getBytes(3));
                    overlap(boundary, other).ifPresent(area -> {
                        throw overlapping(code, boundary, sibling, area, field);
                    });
                }, args.toArray());
    }

    /** The deepest of these nodes (a root-to-leaf path) that has a current boundary. */
    private Optional<Drawn> nearestDrawn(List<Long> pathIds) {
        if (pathIds.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, GridBoundary> drawn = boundaries.findCurrent(pathIds).stream()
            .collect(Collectors.toMap(GridBoundary::getNodeId, Function.identity()));
        for (int i = pathIds.size() - 1; i >= 0; i--) {
            GridBoundary boundary = drawn.get(pathIds.get(i));
            if (boundary != null) {
                String code = nodes.findById(pathIds.get(i)).map(GridNode::getCode).orElseThrow();
                return Optional.of(new Drawn(code, boundary.geometry()));
            }
        }
        return Optional.empty();
    }

    /** The active descendants that have a boundary with no drawn grid between them and {@code nodeId}. */
    private List<Drawn> nearestDrawnDescendants(long nodeId) {
        List<Drawn> found = new ArrayList<>();
        Collection<Long> level = List.of(nodeId);
        while (!level.isEmpty()) {
            List<Long> undrawn = new ArrayList<>();
            jdbc.query("""
                    select n.id, n.code, b.geometry from grid_node n
                      left join grid_boundary b on b.node_id = n.id and b.valid_to is null
                     where n.parent_id = any(?) and n.status = 'ACTIVE'""", rs -> {
                byte[] wkb = rs.getBytes(3);
                if (wkb == null) {
                    undrawn.add(rs.getLong(1));
                }
                else {
                    found.add(new Drawn(rs.getString(2), Geometries.fromWkb(wkb)));
                }
            }, (Object) level.toArray(Long[]::new));
            level = undrawn;
        }
        return found;
    }

    private record Drawn(String code, Geometry geometry) {
    }

    /**
     * One parent's boundary, prepared for many containment checks: exact coverage in degrees first (what tiled
     * data always passes), and only when that fails the tolerant check in metres, with the parent buffered once.
     */
    public static final class ParentArea {

        private final String code;
        private final Geometry geometry;
        private final double tolerance;
        private final double lat;
        private PreparedGeometry exact;
        private PreparedGeometry slack;
        private Geometry metres;

        ParentArea(String code, Geometry geometry, double tolerance) {
            this.code = code;
            this.geometry = geometry;
            this.tolerance = tolerance;
            this.lat = geometry.getEnvelopeInternal().centre().y;
        }

        public String code() {
            return code;
        }

        public Geometry geometry() {
            return geometry;
        }

        /**
         * Empty when {@code child} lies within the parent give or take the tolerance; else how far it reaches
         * outside ("1,234 m² outside (tolerance 1 m)").
         */
        public Optional<String> outside(String childCode, Geometry child) {
            if (exact == null) {
                exact = PreparedGeometryFactory.prepare(geometry);
            }
            if (exact.covers(child)) {
                return Optional.empty();
            }
            if (slack == null) {
                metres = LocalMetres.toMetres(geometry, lat);
                slack = PreparedGeometryFactory.prepare(metres.buffer(tolerance));
            }
            Geometry childMetres = LocalMetres.toMetres(child, lat);
            if (slack.covers(childMetres)) {
                return Optional.empty();
            }
            double outside = childMetres.difference(metres).getArea();
            return Optional.of(format(outside) + " m² outside (tolerance " + format(tolerance) + " m)");
        }
    }
}
