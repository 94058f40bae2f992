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

    /**
     * The nearest spot within {@code maxMetres} (at most the cell size) of the point, or null. Candidates are ranked by
     * the equirectangular distance (no trigonometry per candidate: a million of them in a coverage report); the one
     * chosen is measured by haversine. Over a kilometre the two differ by well under a metre.
     */
    Nearest nearest(double lat, double lng, double maxMetres) {
        long r = row(lat);
        long c = column(lng);
        double cosLat = Math.cos(Math.toRadians(lat));
        double limit = maxMetres * 1.001;
        double bestSquare = limit * limit;
        Spot best = null;
        for (long dr = -1; dr <= 1; dr++) {
            for (long dc = -1; dc <= 1; dc++) {
                List<Spot> spots = cells.get(key(r + dr, c + dc));
                if (spots == null) {
                    continue;
                }
                for (Spot spot : spots) {
                    double dy = (spot.lat() - lat) * METRES_PER_DEGREE;
                    double dx = (spot.lng() - lng) * METRES_PER_DEGREE * cosLat;
                    double square = dx * dx + dy * dy;
                    if (square <= bestSquare) {
                        bestSquare = square;
                        best = spot;
                    }
                }
            }
        }
        if (best == null) {
            return null;
        }
        double metres = haversine(lat, lng, best.lat(), best.lng());
        return metres <= maxMetres ? new Nearest(best, metres) : null;
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
