package org.gridgov.incident;

import org.gridgov.grid.CoordSystem;

/**
 * A report through any door. Location: {@code lat}/{@code lng} (in {@code coordSystem}) or a {@code gridCode}.
 *
 * @param deviceId for sensor alarms: one open incident per device at a time
 */
public record ReportIncidentCommand(String category, IncidentSource source, String description, Double lat, Double lng,
        CoordSystem coordSystem, String gridCode, boolean anonymous, String deviceId) {
}
