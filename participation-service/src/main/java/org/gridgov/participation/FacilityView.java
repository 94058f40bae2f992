package org.gridgov.participation;

/** A life-circle facility, located in WGS84. */
public record FacilityView(long id, long gridId, String gridName, FacilityKind kind, String kindName,
        FacilityLevel level, String name, String address, double lat, double lng, int version) {
}
