package org.gridgov.participation.internal;

import java.util.List;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;
import org.springframework.stereotype.Component;

/** The participation tables that copy a grid's path for the data scope: they follow a moved subtree. */
@Component
class ParticipationPathCopies implements GridPathCopies {

    @Override
    public List<GridPathColumn> copies() {
        return List.of(GridPathColumn.of("participation_space", "grid_path").versioned("version"),
                GridPathColumn.of("participation_booking", "grid_path"),
                GridPathColumn.of("participation_activity", "grid_path").versioned("version"),
                GridPathColumn.of("participation_questionnaire", "grid_path").versioned("version"),
                GridPathColumn.of("participation_topic", "grid_path").versioned("version"),
                GridPathColumn.of("participation_project", "grid_path").versioned("version"),
                GridPathColumn.of("participation_facility", "grid_path").versioned("version"));
    }
}
