package org.gridgov.participation;

/**
 * A facility to create or change.
 *
 * @param coordSystem the datum of {@code lat}/{@code lng}: WGS84 (default), GCJ02 or BD09; stored as WGS84
 */
public record FacilityCommand(Long gridId, String kind, String level, String name, String address, Double lat,
        Double lng, String coordSystem) {
}
