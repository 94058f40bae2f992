package org.gridgov.participation;

import java.util.Map;

import org.gridgov.grid.GridFiguresContributor;
import org.gridgov.grid.GridSubtree;
import org.springframework.stereotype.Component;

/**
 * Adds the 15-minute life circle to grid core's figures of a node: per kind of facility, the share of the subtree's
 * located dwellings within 15 walking minutes ({@code healthElderlyCoverage} …), and how many dwellings are located
 * or not yet. Computed like the coverage report (a few milliseconds for a community of 5,000 dwellings).
 */
@Component
class LifeCircleFiguresContributor implements GridFiguresContributor {

    private final LifeCircleService lifeCircle;

    LifeCircleFiguresContributor(LifeCircleService lifeCircle) {
        this.lifeCircle = lifeCircle;
    }

    @Override
    public String key() {
        return "lifeCircle";
    }

    @Override
    public Map<String, Object> figures(GridSubtree subtree) {
        return lifeCircle.figures(subtree);
    }
}
