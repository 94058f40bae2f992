package org.gridgov.grid;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.gridgov.grid.internal.VisibleGrids;

/**
 * "Which grid is this point in" for a logged-in caller: the public card for anyone, the grid, its chain and its
 * staff only inside the caller's data scope ({@link GridLocation}).
 */
@Service
@Transactional(readOnly = true)
public class LocateService {

    private final GridLocator locator;
    private final GridCardService cards;
    private final VisibleGrids visible;

    LocateService(GridLocator locator, GridCardService cards, VisibleGrids visible) {
        this.locator = locator;
        this.cards = cards;
        this.visible = visible;
    }

    /** The grid at a point in the given coordinate system; empty when no active grid contains it. */
    public Optional<GridLocation> locate(double lat, double lng, CoordSystem coordSystem) {
        GeoPoint point = (coordSystem == null ? CoordSystem.WGS84 : coordSystem).toWgs84(lat, lng);
        return locator.gridAt(point).map(grid -> {
            GridCard card = cards.byCode(grid.code());
            return visible.find(grid.id()).isPresent() ? locator.inside(point, grid.id(), card)
                    : new GridLocation(point, card, false, null, null, null);
        });
    }
}
