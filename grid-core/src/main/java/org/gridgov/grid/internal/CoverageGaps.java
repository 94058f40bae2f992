package org.gridgov.grid.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.gridgov.grid.CoverageGap;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridProperties;
import org.gridgov.grid.GridType;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;

/**
 * Per community: its boundary minus the union of its active micro grids, in metres around the community's latitude
 * (an opening by the edge tolerance drops the hairline slivers that floating point leaves along shared edges). Meant
 * for a community or a street (tens of communities, hundreds of micro grids).
 * <p>
 * The union is the expensive part (every micro grid's geometry read and merged), and it only changes when a boundary
 * does. So each request first reads, without any geometry, which boundary rows make up each community now — the
 * community's current boundary and the set of its active micro grids with theirs — and a community whose set equals
 * the one its kept gap was computed from is answered from this node's memory; only the others' geometries are read
 * and merged. Boundaries are versioned (a change writes a new row, the old one gets {@code valid_to}), so a redrawn
 * boundary, a micro grid added, retired or moved to another community all change the set: the answer is the same as
 * computing it afresh, on every node, with no invalidation message to lose. Names and codes come from the rows read
 * now, never from the kept entry.
 */
@Component
public class CoverageGaps {

    /** Communities whose gap this node keeps (about 4,400 in the generated city: a few MB of GeoJSON at most). */
    private static final int KEPT = 20_000;

    private final JdbcTemplate jdbc;
    private final GridProperties properties;
    private final Cache<Long, Kept> kept = Caffeine.newBuilder().maximumSize(KEPT).build();

    CoverageGaps(JdbcTemplate jdbc, GridProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The drawn communities in the subtree at {@code path} (the node included), by code, with their gaps. */
    public List<CoverageGap> under(String path) {
        SqlPredicate inSubtree = PathRange.under(path).sql("n.path");
        Map<Long, Community> communities = new LinkedHashMap<>();
        List<Object[]> micros = new ArrayList<>();
        jdbc.query("""
                select n.id, n.code, n.name, n.type, n.path, b.id as boundary_id from grid_node n
                  join grid_boundary b on b.node_id = n.id and b.valid_to is null
                 where %s and n.status = 'ACTIVE' and n.type in ('COMMUNITY', 'MICRO_GRID')
                 order by n.code""".formatted(inSubtree.sql()), rs -> {
            if (GridType.COMMUNITY.name().equals(rs.getString("type"))) {
                communities.put(rs.getLong("id"), new Community(new GridNodeRef(rs.getLong("id"), rs.getString("code"),
                        rs.getString("name"), GridType.COMMUNITY), rs.getLong("boundary_id"), new ArrayList<>()));
            }
            else {
                micros.add(new Object[] { rs.getString("path"), new long[] { rs.getLong("id"),
                        rs.getLong("boundary_id") } });
            }
        }, inSubtree.array());
        for (Object[] micro : micros) {
            for (Long id : PathIds.parse((String) micro[0])) {
                Community community = communities.get(id);
                if (community != null) {
                    community.micros().add((long[]) micro[1]);
                    break;
                }
            }
        }
        Map<Long, Kept> answers = new HashMap<>();
        List<Community> stale = new ArrayList<>();
        for (Community community : communities.values()) {
            Kept known = kept.getIfPresent(community.ref().id());
            if (known != null && Arrays.equals(known.boundaries(), community.boundaries())) {
                answers.put(community.ref().id(), known);
            }
            else {
                stale.add(community);
            }
        }
        if (!stale.isEmpty()) {
            Map<Long, Geometry> geometries = geometries(stale);
            for (Community community : stale) {
                Kept computed = gap(community, geometries);
                kept.put(community.ref().id(), computed);
                answers.put(community.ref().id(), computed);
            }
        }
        List<CoverageGap> gaps = new ArrayList<>();
        for (Community community : communities.values()) {
            Kept answer = answers.get(community.ref().id());
            gaps.add(new CoverageGap(community.ref(), answer.communitySquareMetres(), answer.gapSquareMetres(),
                    answer.gapShare(), answer.gapGeoJson()));
        }
        return gaps;
    }

    /** The geometries of these communities' boundaries and of their micro grids', by boundary row. */
    private Map<Long, Geometry> geometries(List<Community> communities) {
        List<Long> ids = new ArrayList<>();
        for (Community community : communities) {
            ids.add(community.boundaryId());
            for (long[] micro : community.micros()) {
                ids.add(micro[1]);
            }
        }
        Map<Long, Geometry> geometries = new HashMap<>();
        jdbc.query("select id, geometry from grid_boundary where id = any(?)",
                rs -> {
                    geometries.put(rs.getLong(1), Geometries.fromWkb(rs.getBytes(2)));
                }, (Object) ids.toArray(Long[]::new));
        return geometries;
    }

    private Kept gap(Community community, Map<Long, Geometry> geometries) {
        Geometry boundary = geometries.get(community.boundaryId());
        double lat = boundary.getEnvelopeInternal().centre().y;
        Geometry area = LocalMetres.toMetres(boundary, lat);
        Geometry gap = area;
        if (!community.micros().isEmpty()) {
            List<Geometry> micros = community.micros().stream()
                .map(m -> LocalMetres.toMetres(geometries.get(m[1]), lat)).toList();
            gap = area.difference(CascadedPolygonUnion.union(micros));
        }
        double tolerance = properties.edgeToleranceMetres();
        if (!gap.isEmpty()) {
            gap = gap.buffer(-tolerance).buffer(tolerance).intersection(area);
        }
        long areaSquareMetres = Math.round(area.getArea());
        long gapSquareMetres = gap.isEmpty() ? 0 : Math.round(gap.getArea());
        double share = areaSquareMetres == 0 ? 0 : Math.round(10_000.0 * gapSquareMetres / areaSquareMetres) / 10_000.0;
        String geoJson = gapSquareMetres == 0 ? null : Geometries.toGeoJson(LocalMetres.toDegrees(gap, lat));
        return new Kept(community.boundaries(), areaSquareMetres, gapSquareMetres, share, geoJson);
    }

    /** A community as read now: its boundary row and its active micro grids' (node id, boundary row), by code. */
    private record Community(GridNodeRef ref, long boundaryId, List<long[]> micros) {

        /** What the gap is computed from: the community's boundary row, then each micro grid's node and row. */
        long[] boundaries() {
            long[] all = new long[1 + 2 * micros.size()];
            all[0] = boundaryId;
            for (int i = 0; i < micros.size(); i++) {
                all[1 + 2 * i] = micros.get(i)[0];
                all[2 + 2 * i] = micros.get(i)[1];
            }
            return all;
        }
    }

    /** A gap as computed from {@code boundaries}. */
    private record Kept(long[] boundaries, long communitySquareMetres, long gapSquareMetres, double gapShare,
            String gapGeoJson) {
    }
}
