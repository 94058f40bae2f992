package org.gridgov.grid.internal;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Boundaries are stored in WGS84 degrees, tolerances and areas are metres: a local equirectangular projection
 * around one latitude (metres per degree of the WGS84 ellipsoid at that latitude). Over a city (≈ 1.5° of latitude)
 * its scale error stays below 1 %, which is plenty for tolerances of a metre and areas of gaps.
 */
public final class LocalMetres {

    private LocalMetres() {
    }

    public static double perDegreeLat(double lat) {
        double phi = Math.toRadians(lat);
        return 111_132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    }

    public static double perDegreeLng(double lat) {
        double phi = Math.toRadians(lat);
        return 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
    }

    /** The geometry in metres around {@code lat} (a copy; x east, y north, origin at 0°, 0°). */
    public static Geometry toMetres(Geometry degrees, double lat) {
        return AffineTransformation.scaleInstance(perDegreeLng(lat), perDegreeLat(lat)).transform(degrees);
    }

    /** The inverse of {@link #toMetres} for the same {@code lat}. */
    public static Geometry toDegrees(Geometry metres, double lat) {
        Geometry degrees = AffineTransformation.scaleInstance(1 / perDegreeLng(lat), 1 / perDegreeLat(lat))
            .transform(metres);
        degrees.setSRID(Geometries.WGS84);
        return degrees;
    }

    /** The area of a geometry given in degrees, in m², at the latitude of its envelope's centre. */
    public static double squareMetres(Geometry degrees) {
        double lat = degrees.getEnvelopeInternal().centre().y;
        return degrees.getArea() * perDegreeLat(lat) * perDegreeLng(lat);
    }
}
