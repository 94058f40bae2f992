package org.gridgov.grid;

import java.util.List;

/**
 * Where a point is: the deepest active grid containing it, its chain from the district down, and who is on duty
 * there.
 *
 * @param point the point in WGS84, after conversion from the client's coordinate system
 */
public record GridLocation(GeoPoint point, GridNodeRef grid, List<GridNodeRef> chain, List<StaffView> staffOnDuty) {
}
