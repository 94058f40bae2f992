package org.gridgov.shared.housing;

import java.util.List;

/**
 * The dwellings (户) of a part of the grid tree with their location, for other modules' planning figures. Implemented
 * by resident-service, which alone decides how much of an address leaves it: the room number is masked.
 */
@FunctionalInterface
public interface DwellingLocations {

    /**
     * Every dwelling whose micro grid lies in the subtree of {@code gridPath} (a materialized path such as
     * {@code /1/12/}), ordered by id. Unscoped: the caller has checked that its caller may see that subtree.
     */
    List<DwellingLocation> under(String gridPath);

    /**
     * One dwelling: its location in WGS84 decimal degrees, that of its building or else of its compound; both null
     * when neither has been located yet.
     *
     * @param maskedAddress compound, building and unit, the room masked ({@code 锦江苑 1栋 1单元 ***})
     */
    record DwellingLocation(long dwellingId, long gridId, String maskedAddress, Double lat, Double lng) {

        public boolean located() {
            return lat != null && lng != null;
        }
    }
}
