package org.gridgov.incident;

import org.gridgov.grid.CoordSystem;

/**
 * A report through any door. Location: {@code lat}/{@code lng} (in {@code coordSystem}) or a {@code gridCode}.
 *
 * @param category one of our categories; may be null when {@code externalRef} and {@code externalCategory} are given
 * @param deviceId for sensor alarms: one open incident per device at a time
 * @param externalRef the sending system's ticket (source EXTERNAL only), unique per source
 * @param externalCategory the sending system's category code, mapped to ours by its source's mapping table
 * @param contact how to call the reporter back (encrypted; null or empty: none)
 */
public record ReportIncidentCommand(String category, IncidentSource source, String description, Double lat, Double lng,
        CoordSystem coordSystem, String gridCode, boolean anonymous, String deviceId, ExternalRef externalRef,
        String externalCategory, IncidentContact contact) {

    public ReportIncidentCommand(String category, IncidentSource source, String description, Double lat, Double lng,
            CoordSystem coordSystem, String gridCode, boolean anonymous, String deviceId) {
        this(category, source, description, lat, lng, coordSystem, gridCode, anonymous, deviceId, null, null, null);
    }
}
