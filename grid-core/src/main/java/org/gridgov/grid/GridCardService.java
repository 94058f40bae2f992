package org.gridgov.grid;

import java.util.List;
import java.util.Optional;

import org.gridgov.grid.internal.GridCardCache;
import org.gridgov.grid.internal.GridSpatialIndex;
import org.gridgov.grid.internal.GridStaff;
import org.gridgov.grid.internal.GridStaffRepository;
import org.gridgov.shared.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grid cards by code (the QR code) or by location. When a grid has no primary worker yet, the card shows the
 * nearest ancestor's (general grid, then community) so a resident always reaches someone.
 * <p>
 * A kept card is answered without a transaction, by code or by location (the locate index and the card cache are in
 * memory): a read-only transaction is opened only to build a card that is not kept.
 */
@Service
public class GridCardService {

    private final GridStaffRepository staff;
    private final GridSpatialIndex index;
    private final GridLocator locator;
    private final DutyService duties;
    private final GridCardCache cache;
    private final java.time.Clock clock;
    private final TransactionTemplate readOnly;

    GridCardService(GridStaffRepository staff, GridSpatialIndex index, GridLocator locator,
            DutyService duties, GridCardCache cache, PlatformTransactionManager transactions,
            Optional<java.time.Clock> clock) {
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.cache = cache;
        this.staff = staff;
        this.index = index;
        this.locator = locator;
        this.duties = duties;
        this.clock = clock.orElse(java.time.Clock.systemUTC());
    }

    /** By the code on the QR code: found in the locate index (active grids only), so a kept card reads nothing. */
    public GridCard byCode(String code) {
        GridSpatialIndex.NodeInfo node = index.byCode(code);
        if (node == null) {
            throw DomainException.notFound("grid.node.not-found", "No active grid with code " + code);
        }
        return cached(node.id());
    }

    public Optional<GridCard> byLocation(double lat, double lng, CoordSystem coordSystem) {
        GeoPoint point = (coordSystem == null ? CoordSystem.WGS84 : coordSystem).toWgs84(lat, lng);
        return locator.gridAt(point).map(ref -> cached(ref.id()));
    }

    /** Kept on this node while the grid, its staff and the duties are unchanged ({@link GridCardCache}). */
    private GridCard cached(long nodeId) {
        return cache.card(nodeId, id -> Optional.of(readOnly.execute(tx -> card(id)))).orElseThrow();
    }

    private GridCard card(long nodeId) {
        List<GridSpatialIndex.NodeInfo> chain = index.chain(nodeId);
        if (chain.isEmpty()) {
            throw DomainException.notFound("grid.node.not-found", "No active grid " + nodeId);
        }
        GridSpatialIndex.NodeInfo grid = chain.get(chain.size() - 1);
        List<Long> upwards = new java.util.ArrayList<>(chain.stream().map(GridSpatialIndex.NodeInfo::id).toList());
        java.util.Collections.reverse(upwards); // the grid first, then its ancestors
        List<GridStaff> onDuty = staff.onDuty(upwards, java.time.LocalDate.now(clock));
        GridStaff worker = null;
        for (Long id : upwards) {
            worker = onDuty.stream().filter(s -> s.getNodeId() == id && s.isPrimaryWorker()).findFirst().orElse(null);
            if (worker == null && id == nodeId) {
                worker = onDuty.stream().filter(s -> s.getNodeId() == id).findFirst().orElse(null);
            }
            if (worker != null) {
                break;
            }
        }
        String servedFrom = null;
        List<String> dutyTitles = List.of();
        if (worker != null) {
            GridStaff w = worker;
            if (w.getNodeId() != nodeId) {
                servedFrom = chain.stream().filter(n -> n.id() == w.getNodeId()).findFirst()
                    .map(GridSpatialIndex.NodeInfo::code).orElse(null);
            }
            GridType workerGridType = chain.stream().filter(n -> n.id() == w.getNodeId()).findFirst()
                .map(GridSpatialIndex.NodeInfo::type).orElse(grid.type());
            dutyTitles = duties.dutyList(workerGridType, w.getRole()).stream().map(DutyView::title).toList();
        }
        return new GridCard(grid.code(), grid.name(), grid.type(),
                chain.stream().map(GridSpatialIndex.NodeInfo::name).toList(),
                worker == null ? null : worker.getPersonName(), worker == null ? null : worker.getWorkPhone(),
                worker == null ? null : worker.getRole(), servedFrom, dutyTitles);
    }
}
