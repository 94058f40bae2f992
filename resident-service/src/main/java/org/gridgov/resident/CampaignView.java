package org.gridgov.resident;

import java.time.LocalDate;
import java.util.List;

import org.gridgov.grid.GridNodeRef;

/** An inspection campaign over a subtree, with its progress per micro grid (those the caller may see). */
public record CampaignView(long id, String name, String checklistCode, GridNodeRef node, LocalDate startsOn,
        LocalDate endsOn, long dwellings, long inspected, long hazards, List<GridProgress> grids) {

    public record GridProgress(GridNodeRef grid, long dwellings, long inspected, long hazards) {
    }
}
