package org.gridgov.points;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A service to record.
 *
 * @param gridCode where it was done; defaults to the recorder's own grid (volunteers without one must name it)
 * @param hours required for per-hour service types
 */
public record RecordServiceCommand(String typeCode, String gridCode, String beneficiary, Instant performedAt,
        BigDecimal hours, String place, String description, String photoRefs) {
}
