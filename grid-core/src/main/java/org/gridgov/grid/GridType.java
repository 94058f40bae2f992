package org.gridgov.grid;

import java.util.EnumSet;
import java.util.Set;

/**
 * The levels of the grid tree (DOMAIN.md §2) and which parent each may hang under. The tree's roots are cities, or
 * districts where no city is kept (the city level is optional: a district may hang under a city or stay a root).
 */
public enum GridType {

    /** 市 (e.g. 成都市 510100): optional, above the districts; always a root. */
    CITY(0),
    /** 区/县/县级市: under a city, or a root of the tree where no city is kept. */
    DISTRICT(1),
    /** 街道/镇. */
    STREET(2),
    /** 社区/村: also the community's total grid. */
    COMMUNITY(3),
    /** 一般网格: ~300–500 households, one full-time grid worker. */
    GENERAL_GRID(4),
    /** 微网格: ~30–100 households, one micro-grid worker. */
    MICRO_GRID(5),
    /** 专属网格: a school, hospital, market, park or large enterprise. Wins over the micro grid around it. */
    DEDICATED_GRID(6);

    private final int locatePriority;

    GridType(int locatePriority) {
        this.locatePriority = locatePriority;
    }

    /** The parent types this type may hang under; empty for a root. */
    public Set<GridType> allowedParents() {
        return switch (this) {
            case CITY -> EnumSet.noneOf(GridType.class);
            case DISTRICT -> EnumSet.of(CITY);
            case STREET -> EnumSet.of(DISTRICT);
            case COMMUNITY -> EnumSet.of(STREET);
            case GENERAL_GRID -> EnumSet.of(COMMUNITY);
            case MICRO_GRID -> EnumSet.of(GENERAL_GRID);
            case DEDICATED_GRID -> EnumSet.of(COMMUNITY, STREET);
        };
    }

    public boolean mayHangUnder(GridType parent) {
        return allowedParents().contains(parent);
    }

    /** Whether a node of this type may be a root of the tree (have no parent): a city, or a district. */
    public boolean mayBeRoot() {
        return this == CITY || this == DISTRICT;
    }

    /** The types that may be roots, for messages. */
    public static Set<GridType> roots() {
        return EnumSet.of(CITY, DISTRICT);
    }

    /** When several grids contain a point, the one with the highest priority is "the" grid of the point. */
    public int locatePriority() {
        return locatePriority;
    }
}
