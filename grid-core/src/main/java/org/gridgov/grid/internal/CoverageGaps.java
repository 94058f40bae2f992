package org.gridgov.grid.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * (an opening by the edge tolerance drops the hairline slivers that floating point leaves along shared edges). One
 * query for the whole subtree; meant for a community or a street (tens of communities, hundreds of micro grids).
 */
@Component
public class CoverageGaps {

    private final JdbcTemplate jdbc;
    private final GridProperties properties;

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
                select n.id, n.code, n.name, n.type, n.path, b.geometry from grid_node n
                  join grid_boundary b on b.node_id = n.id and b.valid_to is null
                 where %s and n.status = 'ACTIVE' and n.type in ('COMMUNITY', 'MICRO_GRID')
                 order by n.code""".formatted(inSubtree.sql()), rs -> {
            Geometry geometry = Geometries.fromWkb(rs.getBytes("geometry"));
            if (GridType.COMMUNITY.name().equals(rs.getString("type"))) {
                communities.put(rs.getLong("id"), new Community(new GridNodeRef(rs.getLong("id"), rs.getString("code"),
                        rs.getString("name"), GridType.COMMUNITY), geometry, new ArrayList<>()));
            }
            else {
                micros.add(new Object[] { rs.getString("path"), geometry });
            }
        }, inSubtree.array());
        for (Object[] micro : micros) {
            for (Long id : PathIds.parse((String) micro[0])) {
                Community community = communities.get(id);
                if (community != null) {
                    community.micros().add((Geometry) micro[1]);
                    break;
                }
            }
        }
        List<CoverageGap> gaps = new ArrayList<>();
        for (Community community : communities.values()) {
            gaps.add(gap(community));
        }
        return gaps;
    }

    private CoverageGap gap(Community community) {
        double lat = community.boundary().getEnvelopeInternal().centre().y;
        Geometry area = LocalMetres.toMetres(community.boundary(), lat);
        Geometry gap = area;
        if (!community.micros().isEmpty()) {
            List<Geometry> micros = community.micros().stream().map(m -> LocalMetres.toMetres(m, lat)).toList();
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
        return new CoverageGap(community.ref(), areaSquareMetres, gapSquareMetres, share, geoJson);
    }

    private record Community(GridNodeRef ref, Geometry boundary, List<Geometry> micros) {
    }
}
