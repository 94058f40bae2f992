package org.gridgov.grid;

import java.util.EnumSet;
import java.util.Set;

/**
 * The levels of the grid tree (DOMAIN.md §2) and which parent each may hang under.
 */
public enum GridType {

    /** 区/县: the roots of the tree. */
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
            case DISTRICT -> EnumSet.noneOf(GridType.class);
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

    /** When several grids contain a point, the one with the highest priority is "the" grid of the point. */
    public int locatePriority() {
        return locatePriority;
    }
}
