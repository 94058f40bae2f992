package org.gridgov.grid;

import java.util.List;

/**
 * Where a point is, as the caller may see it. Anyone gets the public grid card (what the QR code on the card shows);
 * only when the grid lies inside the caller's data scope ({@code inScope}) also the grid itself with its id, its
 * chain from the root down and everyone on duty there — outside, those are null: scanning points must not walk
 * another street's tree and staff (building heads are on no public card).
 *
 * @param point the point in WGS84, after conversion from the client's coordinate system
 * @param card the public grid card of the grid that serves the point
 * @param inScope whether the grid lies in the caller's part of the tree
 * @param grid the deepest active grid containing the point (inside the scope only)
 * @param chain the root (a city or a district) down to the grid (inside the scope only)
 * @param staffOnDuty everyone on duty in the grid today, primary worker first (inside the scope only)
 */
public record GridLocation(GeoPoint point, GridCard card, boolean inScope, GridNodeRef grid, List<GridNodeRef> chain,
        List<StaffView> staffOnDuty) {
}
