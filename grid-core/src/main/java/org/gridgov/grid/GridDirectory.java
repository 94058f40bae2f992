package org.gridgov.grid;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.gridgov.grid.internal.GridCardCache;
import org.gridgov.grid.internal.GridNode;
import org.gridgov.grid.internal.GridNodeMapper;
import org.gridgov.grid.internal.GridNodeRepository;
import org.gridgov.grid.internal.GridSpatialIndex;
import org.gridgov.grid.internal.GridStaffMapper;
import org.gridgov.grid.internal.GridStaffRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Facts about grids for other modules' own rules — where a report goes, who serves a grid, what lies above it —
 * without the caller's data scope (a resident's report must reach a grid the resident cannot browse). Modules
 * apply their own scope to what they then show. Not exposed over REST.
 */
@Service
@Transactional(readOnly = true)
public class GridDirectory {

    private final GridSpatialIndex index;
    private final GridNodeRepository nodes;
    private final GridStaffRepository staff;
    private final GridNodeMapper nodeMapper;
    private final GridStaffMapper staffMapper;
    private final GridCardCache cards;
    private final Clock clock;

    GridDirectory(GridSpatialIndex index, GridNodeRepository nodes, GridStaffRepository staff,
            GridNodeMapper nodeMapper, GridStaffMapper staffMapper, GridCardCache cards, Optional<Clock> clock) {
        this.cards = cards;
        this.index = index;
        this.nodes = nodes;
        this.staff = staff;
        this.nodeMapper = nodeMapper;
        this.staffMapper = staffMapper;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** An active grid by code. */
    public Optional<GridNodeRef> byCode(String code) {
        return nodes.findByCode(code).filter(GridNode::isActive).map(nodeMapper::toRef);
    }

    /** From the in-memory index for active grids (no query); retired ones from the database. */
    public Optional<GridNodeRef> byId(long id) {
        GridSpatialIndex.NodeInfo known = index.node(id);
        if (known != null) {
            return Optional.of(nodeMapper.toRef(known));
        }
        return nodes.findById(id).map(nodeMapper::toRef);
    }

    /** The materialized path of a grid, for scope predicates on rows that point at it. */
    public String pathOf(long id) {
        return nodes.findById(id).map(GridNode::getPath).orElseThrow();
    }

    /**
     * The materialized path of a grid as the in-memory index knows it (no query): for a grid just located or looked
     * up through the same index, so the path belongs to the same snapshot. Like the location itself it follows a move
     * within the index's refresh bound (the topology NOTIFY, at the latest the next poll); a grid the index does not
     * know (retired, or created after its snapshot) is read from the database.
     */
    public String indexedPathOf(long id) {
        List<GridSpatialIndex.NodeInfo> chain = index.chain(id);
        if (chain.isEmpty() || chain.get(0).parentId() != null) {
            return pathOf(id);
        }
        StringBuilder path = new StringBuilder("/");
        for (GridSpatialIndex.NodeInfo node : chain) {
            path.append(node.id()).append('/');
        }
        return path.toString();
    }

    /** The root (a city, or a district where no city is kept) down to the grid, inclusive. */
    public List<GridNodeRef> chain(long id) {
        return index.chain(id).stream().map(nodeMapper::toRef).toList();
    }

    /**
     * The primary worker on duty today, or else anyone on duty, in the grid itself: kept on this node until a staff
     * change is committed anywhere ({@link GridCardCache}).
     */
    public Optional<StaffView> worker(long gridId) {
        return cards.worker(gridId,
                id -> staff.onDuty(id, LocalDate.now(clock)).stream().findFirst().map(staffMapper::toView));
    }

    /**
     * The first root of the tree by code (a city, or a district where no city is kept): where reports outside every
     * grid go when no intake grid is configured.
     */
    public Optional<GridNodeRef> firstRoot() {
        return nodes.findByParentIdIsNullAndStatusOrderByCode(GridStatus.ACTIVE,
                org.springframework.data.domain.PageRequest.of(0, 1)).stream().findFirst().map(nodeMapper::toRef);
    }
}
