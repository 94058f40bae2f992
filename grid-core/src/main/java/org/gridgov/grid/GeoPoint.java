package org.gridgov.grid;

import org.gridgov.shared.DomainException;

/** A WGS84 point in decimal degrees. */
public record GeoPoint(double lat, double lng) {

    public GeoPoint {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw DomainException.invalidField("geo.lat-out-of-range", "lat", "lat must be between -90 and 90");
        }
        if (!Double.isFinite(lng) || lng < -180 || lng > 180) {
            throw DomainException.invalidField("geo.lng-out-of-range", "lng", "lng must be between -180 and 180");
        }
    }
}
