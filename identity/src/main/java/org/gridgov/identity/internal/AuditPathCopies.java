package org.gridgov.identity.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;

/**
 * The audit log files each event under the path of the grid it concerns, so scoped managers read the events of
 * their part of the tree. When a grid moves, its history goes with it to the new street (the events themselves stay
 * untouched: the append-only trigger lets exactly {@code scope_path} change, migration {@code V2026_12_05_1400}).
 */
@Component
class AuditPathCopies implements GridPathCopies {

    @Override
    public List<GridPathColumn> copies() {
        return List.of(GridPathColumn.of("audit_event", "scope_path"));
    }
}
