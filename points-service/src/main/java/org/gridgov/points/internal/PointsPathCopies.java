package org.gridgov.points.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;

/**
 * Where points were earned, spent and granted, for scope and rankings. Journal entries are append-only, but their
 * grid path is a filing label, not an amount: the ledger's immutability trigger lets exactly that column change
 * (migration {@code V2026_12_05_1401}).
 */
@Component
class PointsPathCopies implements GridPathCopies {

    @Override
    public List<GridPathColumn> copies() {
        return List.of(GridPathColumn.of("points_partner", "community_path"),
                GridPathColumn.of("ledger_account", "grid_path"), GridPathColumn.of("journal_entry", "grid_path"),
                GridPathColumn.of("service_record", "grid_path"), GridPathColumn.of("pool_grant", "community_path"),
                GridPathColumn.of("grant_voucher", "community_path"),
                GridPathColumn.of("worker_rating", "grid_path"));
    }
}
