package org.gridgov.incident;

/**
 * One door for every source (一网收集). {@code PHONE} (电话) and {@code HOTLINE} (热线): a resident's call taken by
 * grid staff — on their own phone or on the community's hotline — and recorded for the caller; unlike
 * {@code EXTERNAL}, no other platform's ticket is involved.
 */
public enum IncidentSource {
    RESIDENT_REPORT, GRID_PATROL, SENSOR_ALARM, EXTERNAL, PHONE, HOTLINE
}
