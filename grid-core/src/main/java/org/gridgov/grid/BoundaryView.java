package org.gridgov.grid;

import java.time.Instant;

/** One boundary of a grid over its validity period; {@code validTo} is null for the current one. */
public record BoundaryView(long id, String geoJson, Instant validFrom, Instant validTo) {
}
