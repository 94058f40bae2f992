package org.gridgov.integration.webhook;

import java.util.List;

import org.springframework.stereotype.Component;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;

/**
 * A subscription narrowed to a subtree follows its grid when the grid moves (and so keeps receiving that grid's
 * events); the outbox's events are filed under the new path too.
 */
@Component
class WebhookPathCopies implements GridPathCopies {

    @Override
    public List<GridPathColumn> copies() {
        return List.of(GridPathColumn.of("webhook_subscription", "subtree_path"),
                GridPathColumn.of("outbox_event", "grid_path"));
    }
}
