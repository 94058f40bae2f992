package org.gridgov.grid;

/**
 * The part of a community that no micro grid covers (微网格覆盖缺口): where a report would find no micro-grid worker.
 * Slivers narrower than twice the edge tolerance (a shared edge drawn twice) are not counted.
 *
 * @param community the community
 * @param communitySquareMetres the community's area
 * @param gapSquareMetres the area of the community outside every active micro grid under it
 * @param gapShare {@code gapSquareMetres / communitySquareMetres}, 0–1 (rounded to 4 places)
 * @param gapGeoJson the uncovered area as a GeoJSON (Multi)Polygon in WGS84, null when there is none
 */
public record CoverageGap(GridNodeRef community, long communitySquareMetres, long gapSquareMetres, double gapShare,
        String gapGeoJson) {
}
