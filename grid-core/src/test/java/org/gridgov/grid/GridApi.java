package org.gridgov.grid;

import tools.jackson.databind.JsonNode;

import org.gridgov.testsupport.GridTreeFixture;

import static org.gridgov.testsupport.GridTreeFixture.square;

/**
 * Grid core's own test trees, on top of test-support's {@link GridTreeFixture} (which creates the grids, draws the
 * squares and hands out fresh areas): a district → street → community chain at a place the test chooses, for tests
 * that draw their own grids inside the community at known coordinates.
 */
public final class GridApi {

    private final GridTreeFixture grids;

    public GridApi(GridTreeFixture grids) {
        this.grids = grids;
    }

    /**
     * A district → street → community chain; the community covers [lng, lat]–[lng+1, lat+1]. The district has no
     * boundary: districts are roots, siblings of every other test's, and roots may not overlap — so tests may choose
     * the same place again and again.
     */
    public Tree tree(double lng, double lat) {
        JsonNode district = grids.create("DISTRICT", null, null);
        JsonNode street = grids.create("STREET", district, square(lng - 0.5, lat - 0.5, 2));
        JsonNode community = grids.create("COMMUNITY", street, square(lng, lat, 1));
        return new Tree(district, street, community);
    }

    public record Tree(JsonNode district, JsonNode street, JsonNode community) {

        public String communityCode() {
            return community.path("code").asString();
        }
    }
}
