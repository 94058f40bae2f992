package org.gridgov.participation;

import java.util.List;
import java.util.Map;

/**
 * Which dwellings of a community lie beyond 5, 10 and 15 walking minutes of each kind of facility (the gaps a planner
 * must fill). Facilities of every community count (one serves whoever lives near it); dwellings are those of the
 * community's subtree, located where their building (else their compound) stands.
 *
 * @param level the level of facilities counted, null for both
 * @param thresholdMinutes the walking time beyond which a dwelling is listed in {@code gaps}
 * @param method how walking time was estimated, in words
 * @param dwellings every dwelling of the community
 * @param locatedDwellings those with a location: the denominator of every percentage
 * @param kinds per kind, in the plan's order
 * @param gaps the located dwellings beyond {@code thresholdMinutes} of at least one kind (of {@code kind} when the
 *        report was asked for one)
 * @param facilities the facilities that were considered (for the map)
 * @param computedInMillis how long the computation took, dwellings and facilities read included
 */
public record CoverageReport(long gridId, String gridName, FacilityLevel level, int thresholdMinutes, String method,
        double detourFactor, double walkingSpeed, long dwellings, long locatedDwellings, long unlocatedDwellings,
        List<KindCoverage> kinds, List<GapDwelling> gaps, List<MapFacility> facilities, long computedInMillis) {

    /**
     * Coverage of one kind. {@code beyondN} counts located dwellings whose nearest facility of the kind is more than
     * N walking minutes away (none at all counts as beyond); percentages are of the located dwellings, one decimal,
     * null when none is located.
     */
    public record KindCoverage(FacilityKind kind, String kindName, long facilities, long beyond5, long beyond10,
            long beyond15, Double beyond5Percent, Double beyond10Percent, Double beyond15Percent,
            Double within15Percent) {
    }

    /**
     * A located dwelling beyond the threshold of at least one kind.
     *
     * @param nearestMinutes walking minutes to the nearest facility of each kind; a kind is absent when there is none
     *        within 15 minutes
     * @param beyond the kinds beyond the report's threshold
     */
    public record GapDwelling(long dwellingId, String maskedAddress, double lat, double lng,
            Map<FacilityKind, Double> nearestMinutes, List<FacilityKind> beyond) {
    }

    /** A facility on the report's map. */
    public record MapFacility(long id, FacilityKind kind, FacilityLevel level, String name, double lat, double lng) {
    }
}
