package org.gridgov.incident;

/** One door for every source (一网收集). */
public enum IncidentSource {
    RESIDENT_REPORT, GRID_PATROL, SENSOR_ALARM, EXTERNAL
}
