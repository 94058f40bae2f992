package org.gridgov.resident;

import org.gridgov.grid.GridNodeRef;

/** A shop or enterprise in a grid: a place of its own kind, not a dwelling. */
public record PlaceView(long id, String kind, String name, String address, String contactName, GridNodeRef grid) {
}
