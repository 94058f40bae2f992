package org.gridgov.resident;

import java.util.List;

import org.gridgov.grid.GridNodeRef;

/** A residential compound (小区/院落) with its buildings. */
public record CompoundView(long id, String code, String name, String address, GridNodeRef community,
        List<BuildingView> buildings) {

    /** A building (楼栋) of a compound; {@code dwellings} counts those the caller may see. */
    public record BuildingView(long id, String code, String name, long dwellings) {
    }
}
