package org.gridgov.participation;

import java.util.Map;
import java.util.Set;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridSubtree;
import org.gridgov.grid.GridType;
import org.gridgov.grid.GridFiguresContributor;
import org.springframework.stereotype.Component;

/**
 * Adds the 15-minute life circle to grid core's figures of a node: per kind of facility, the share of the subtree's
 * located dwellings within 15 walking minutes ({@code healthElderlyCoverage} …), and how many dwellings are located
 * or not yet. Computed like the coverage report (well under a second for a community of 5,000 dwellings), for a
 * community and the grids in it only: a street's or district's figures would read hundreds of thousands of dwellings
 * on every figures request, so above a community this contributes nothing — the communities' own figures and
 * reports carry it.
 */
@Component
class LifeCircleFiguresContributor implements GridFiguresContributor {

    private static final Set<GridType> ABOVE_COMMUNITY = Set.of(GridType.CITY, GridType.DISTRICT, GridType.STREET);

    private final LifeCircleService lifeCircle;
    private final GridDirectory grids;

    LifeCircleFiguresContributor(LifeCircleService lifeCircle, GridDirectory grids) {
        this.lifeCircle = lifeCircle;
        this.grids = grids;
    }

    @Override
    public String key() {
        return "lifeCircle";
    }

    @Override
    public Map<String, Object> figures(GridSubtree subtree) {
        boolean above = grids.byId(subtree.rootId()).map(g -> ABOVE_COMMUNITY.contains(g.type())).orElse(true);
        return above ? Map.of() : lifeCircle.figures(subtree);
    }
}
