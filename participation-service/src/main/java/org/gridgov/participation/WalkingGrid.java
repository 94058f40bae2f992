package org.gridgov.participation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Facilities of one kind bucketed in square cells of {@code cellMetres} (equirectangular, about a reference latitude;
 * exact enough over a district's few kilometres), so that "the nearest within r ≤ cellMetres" looks at the 3 × 3
 * cells around a point instead of every facility. Distances themselves are haversine.
 */
final class WalkingGrid {

    static final double EARTH_RADIUS = 6_371_008.8; // mean radius, metres
    private static final double METRES_PER_DEGREE = Math.PI * EARTH_RADIUS / 180;

    /** A located thing in the grid. */
    record Spot(long id, double lat, double lng) {
    }

    /** The nearest spot and its straight-line distance in metres. */
    record Nearest(Spot spot, double metres) {
    }

    private final double cellLat;
    private final double cellLng;
    private final Map<Long, List<Spot>> cells = new HashMap<>();

    WalkingGrid(double cellMetres, double referenceLat) {
        this.cellLat = cellMetres / METRES_PER_DEGREE;
        this.cellLng = cellMetres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(referenceLat))));
    }

    void add(Spot spot) {
        cells.computeIfAbsent(key(row(spot.lat()), column(spot.lng())), k -> new ArrayList<>(4)).add(spot);
    }

    /** The nearest spot within {@code maxMetres} (at most the cell size) of the point, or null. */
    Nearest nearest(double lat, double lng, double maxMetres) {
        long r = row(lat);
        long c = column(lng);
        Spot best = null;
        double bestMetres = maxMetres;
        for (long dr = -1; dr <= 1; dr++) {
            for (long dc = -1; dc <= 1; dc++) {
                List<Spot> spots = cells.get(key(r + dr, c + dc));
                if (spots == null) {
                    continue;
                }
                for (Spot spot : spots) {
                    double metres = haversine(lat, lng, spot.lat(), spot.lng());
                    if (metres <= bestMetres) {
                        bestMetres = metres;
                        best = spot;
                    }
                }
            }
        }
        return best == null ? null : new Nearest(best, bestMetres);
    }

    private long row(double lat) {
        return (long) Math.floor(lat / cellLat);
    }

    private long column(double lng) {
        return (long) Math.floor(lng / cellLng);
    }

    private static long key(long row, long column) {
        return (row << 32) ^ (column & 0xffffffffL);
    }

    /** Great-circle distance in metres between two WGS84 points. */
    static double haversine(double lat1, double lng1, double lat2, double lng2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Degrees of latitude spanning {@code metres}. */
    static double latDegrees(double metres) {
        return metres / METRES_PER_DEGREE;
    }

    /** Degrees of longitude spanning {@code metres} at {@code lat}. */
    static double lngDegrees(double metres, double lat) {
        return metres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(lat))));
    }
}
