package org.gridgov.points;

import java.util.ArrayList;
import java.util.List;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.shared.people.AccountDirectory;
import org.gridgov.shared.people.AccountDirectory.AccountFacts;
import org.gridgov.shared.security.Role;
import org.springframework.stereotype.Component;

/**
 * Who serves a grid, as accounts: the active {@code GRID_WORKER} accounts bound to the grid itself; when none is,
 * those bound to the nearest grid above it, up to the general (or dedicated) grid — never the community or the
 * street, whose people are not the grid's worker. Grid core's staff roster names people, not accounts; the account
 * bound to a grid is what the platform knows of "this grid's worker". Asked through the shared kernel's
 * {@link AccountDirectory} (identity implements it), so points does not depend on identity; asked when the rating
 * arrives, which is right after the reporter rated.
 */
@Component
class ServingWorkers {

    private final GridDirectory grids;
    private final AccountDirectory accounts;

    ServingWorkers(GridDirectory grids, AccountDirectory accounts) {
        this.grids = grids;
        this.accounts = accounts;
    }

    List<AccountFacts> of(long gridId) {
        List<GridNodeRef> upward = new ArrayList<>(grids.chain(gridId));
        java.util.Collections.reverse(upward);
        for (GridNodeRef grid : upward) {
            if (grid.type() != GridType.MICRO_GRID && grid.type() != GridType.GENERAL_GRID
                    && grid.type() != GridType.DEDICATED_GRID) {
                break;
            }
            List<AccountFacts> bound = accounts.boundTo(Role.GRID_WORKER, grid.id());
            if (!bound.isEmpty()) {
                return bound;
            }
        }
        return List.of();
    }

    /** The grid's own id from its materialized path of ids ({@code /1/12/140/} → 140); 0 when there is none. */
    static long lastIdOf(String path) {
        if (path == null) {
            return 0;
        }
        String[] ids = path.split("/");
        for (int i = ids.length - 1; i >= 0; i--) {
            if (!ids[i].isEmpty()) {
                return Long.parseLong(ids[i]);
            }
        }
        return 0;
    }
}
