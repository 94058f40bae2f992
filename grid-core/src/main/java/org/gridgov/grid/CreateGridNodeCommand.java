package org.gridgov.grid;

/**
 * Create a grid node.
 *
 * @param code official administrative code (district/street/community) or a generated code below
 * @param name display name, e.g. 三义桥社区
 * @param type the level
 * @param parentCode the parent's code; null only for a district
 * @param partyOrganisation whether the grid carries a party organisation
 * @param boundaryGeoJson optional GeoJSON Polygon/MultiPolygon in WGS84
 */
public record CreateGridNodeCommand(String code, String name, GridType type, String parentCode,
        boolean partyOrganisation, String boundaryGeoJson) {
}
