package org.gridgov.grid.internal;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** One boundary of a grid node over its validity period [validFrom, validTo). The current one has no validTo. */
@Entity
@Table(name = "grid_boundary")
public class GridBoundary {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long nodeId;

    private byte[] geometry;

    private double minLng;

    private double minLat;

    private double maxLng;

    private double maxLat;

    private Instant validFrom;

    private Instant validTo;

    protected GridBoundary() {
    }

    public GridBoundary(long nodeId, Geometry geometry, Instant validFrom) {
        this.nodeId = nodeId;
        this.geometry = Geometries.toWkb(geometry);
        Envelope envelope = geometry.getEnvelopeInternal();
        this.minLng = envelope.getMinX();
        this.minLat = envelope.getMinY();
        this.maxLng = envelope.getMaxX();
        this.maxLat = envelope.getMaxY();
        this.validFrom = validFrom;
    }

    /** Ends this boundary's validity: from {@code at} on, another one (or none) holds. */
    public void close(Instant at) {
        this.validTo = at.isAfter(validFrom) ? at : validFrom.plusMillis(1);
    }

    public Long getId() {
        return id;
    }

    public long getNodeId() {
        return nodeId;
    }

    public Geometry geometry() {
        return Geometries.fromWkb(geometry);
    }

    public Instant getValidFrom() {
        return validFrom;
    }

    public Instant getValidTo() {
        return validTo;
    }
}
