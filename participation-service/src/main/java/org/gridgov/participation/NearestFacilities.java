package org.gridgov.participation;

import java.util.List;

/**
 * The nearest facilities of each kind to a point, with walking time estimated by {@code method}.
 *
 * @param lat the point, WGS84
 * @param withinMinutes how far was looked: facilities further away are not listed
 * @param method how walking time was estimated, in words — never a street-network route
 * @param detourFactor network metres per straight-line metre
 * @param walkingSpeed metres per second
 */
public record NearestFacilities(double lat, double lng, int withinMinutes, String method, double detourFactor,
        double walkingSpeed, List<KindNearest> kinds) {

    /** The nearest facilities of one kind, nearest first; empty when none lies within reach. */
    public record KindNearest(FacilityKind kind, String kindName, List<Nearby> nearest) {
    }

    /**
     * A facility near the point.
     *
     * @param straightMetres the straight-line (haversine) distance
     * @param walkingMinutes the estimate: straight-line × detour factor ÷ walking speed, one decimal
     */
    public record Nearby(long id, String name, FacilityLevel level, String address, double lat, double lng,
            long straightMetres, double walkingMinutes) {
    }
}
