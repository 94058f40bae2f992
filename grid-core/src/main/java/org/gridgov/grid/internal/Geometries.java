package org.gridgov.grid.internal;

import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;

/** GeoJSON in and out, WKB for storage, and the validity rules every boundary must meet (JTS). */
public final class Geometries {

    public static final int WGS84 = 4326;
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), WGS84);

    private Geometries() {
    }

    public static GeometryFactory factory() {
        return FACTORY;
    }

    /**
     * Parses and checks a boundary: GeoJSON Polygon or MultiPolygon, coordinates in range, topologically valid
     * (no self-intersections, closed rings).
     *
     * @param field the request field, for the error
     */
    public static Geometry parseBoundary(String geoJson, String field) {
        Geometry geometry;
        try {
            geometry = new GeoJsonReader(FACTORY).read(geoJson);
        }
        catch (ParseException | RuntimeException ex) {
            throw DomainException.invalidField("grid.boundary.unreadable", field,
                    "Not a readable GeoJSON geometry: " + ex.getMessage());
        }
        if (!(geometry instanceof Polygon) && !(geometry instanceof MultiPolygon)) {
            throw DomainException.invalidField("grid.boundary.type", field,
                    "A boundary must be a Polygon or MultiPolygon, not " + geometry.getGeometryType());
        }
        if (geometry.isEmpty()) {
            throw DomainException.invalidField("grid.boundary.empty", field, "The boundary is empty");
        }
        var envelope = geometry.getEnvelopeInternal();
        if (envelope.getMinX() < -180 || envelope.getMaxX() > 180 || envelope.getMinY() < -90
                || envelope.getMaxY() > 90) {
            throw DomainException.invalidField("grid.boundary.out-of-range", field,
                    "Boundary coordinates must be WGS84 longitude/latitude ([lng, lat] order)");
        }
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            throw new DomainException(DomainException.Kind.RULE_VIOLATION, "grid.boundary.invalid",
                    "Invalid polygon: " + error.getMessage() + " at " + error.getCoordinate(),
                    List.of(new FieldViolation(field, "grid.boundary.invalid",
                            error.getMessage() + " at [" + error.getCoordinate().x + ", " + error.getCoordinate().y
                                    + "]")));
        }
        geometry.setSRID(WGS84);
        return geometry;
    }

    public static String toGeoJson(Geometry geometry) {
        GeoJsonWriter writer = new GeoJsonWriter(8);
        writer.setEncodeCRS(false);
        return writer.write(geometry);
    }

    public static byte[] toWkb(Geometry geometry) {
        return new WKBWriter().write(geometry);
    }

    public static Geometry fromWkb(byte[] wkb) {
        try {
            Geometry geometry = new WKBReader(FACTORY).read(wkb);
            geometry.setSRID(WGS84);
            return geometry;
        }
        catch (ParseException ex) {
            throw new IllegalStateException("Stored boundary is not valid WKB", ex);
        }
    }
}
