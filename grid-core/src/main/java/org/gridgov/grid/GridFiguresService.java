package org.gridgov.grid;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.internal.CoverageGaps;
import org.gridgov.grid.internal.GridFiguresRollup;
import org.gridgov.grid.internal.GridFiguresRollup.CoreFigures;
import org.gridgov.grid.internal.GridNode;
import org.gridgov.grid.internal.GridNodeMapper;
import org.gridgov.grid.internal.VisibleGrids;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures for any node. The four core figures (descendants by type, staff on duty by role, grids without a primary
 * worker, grids without a boundary) come from the node's row of the maintained rollup ({@link GridFiguresRollup}):
 * one primary-key read, whatever the size of the subtree — the CITY root of a 147k-grid city included.
 * <p>
 * <b>Consistency.</b> The answer is exact, not "at most one refresh interval old": the stored rows are refreshed by a
 * job every {@code gridgov.grid.figures-refresh-interval} (2 s), and a read whose subtree has changes the job has not
 * consumed yet recomputes just the changed nodes of the subtree from their children's rows, in the read itself. Right
 * after the day changes (staff on duty depends on the date of the service's clock) and after a bulk import, until the
 * job has rebuilt the rows (seconds), the figures are computed live with one indexed range query per figure over the
 * subtree's paths ({@link PathRange}), as before the rollup — exact too, only slower for large subtrees. The coverage
 * gaps and the figures other modules contribute are computed per request as before.
 */
@Service
@Transactional(readOnly = true)
public class GridFiguresService {

    private final JdbcTemplate jdbc;
    private final List<GridFiguresContributor> contributors;
    private final VisibleGrids visible;
    private final GridNodeMapper mapper;
    private final CoverageGaps gaps;
    private final GridFiguresRollup rollup;
    private final Clock clock;

    GridFiguresService(JdbcTemplate jdbc, List<GridFiguresContributor> contributors, VisibleGrids visible,
            GridNodeMapper mapper, CoverageGaps gaps, GridFiguresRollup rollup, Optional<Clock> clock) {
        this.gaps = gaps;
        this.rollup = rollup;
        this.visible = visible;
        this.mapper = mapper;
        this.jdbc = jdbc;
        this.contributors = contributors;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public GridSubtree subtree(long nodeId) {
        GridNode node = visible.require(nodeId);
        return new GridSubtree(nodeId, node.getPath());
    }

    public GridFigures figures(long nodeId) {
        GridNode node = visible.require(nodeId);
        GridSubtree subtree = new GridSubtree(nodeId, node.getPath());
        CoreFigures core = rollup.read(nodeId, node.getPath(), LocalDate.now(clock)).orElseGet(() -> live(subtree));

        Map<String, Map<String, Object>> extensions = new LinkedHashMap<>();
        for (GridFiguresContributor contributor : contributors) {
            extensions.put(contributor.key(), contributor.figures(subtree));
        }
        return new GridFigures(mapper.toRef(node), core.descendantsByType(), core.staffByRole(),
                core.gridsWithoutPrimaryWorker(), core.gridsWithoutBoundary(), coverageGaps(node), extensions);
    }

    /**
     * The four core figures computed from the tables, one indexed range query per figure over the subtree's paths:
     * what the rollup must always equal, and the answer while its rows are not usable (see the class comment).
     */
    CoreFigures live(GridSubtree subtree) {
        SqlPredicate below = subtree.range().sqlBelow("path");
        SqlPredicate inSubtree = subtree.sql("n.path");
        LocalDate today = LocalDate.now(clock);

        Map<GridType, Long> byType = new EnumMap<>(GridType.class);
        for (GridType type : GridType.values()) {
            byType.put(type, 0L);
        }
        jdbc.query("""
                select type, count(*) from grid_node
                 where %s and status = 'ACTIVE' group by type""".formatted(below.sql()),
                rs -> {
                    byType.put(GridType.valueOf(rs.getString(1)), rs.getLong(2));
                }, below.array());

        Map<StaffRole, Long> byRole = new EnumMap<>(StaffRole.class);
        for (StaffRole role : StaffRole.values()) {
            byRole.put(role, 0L);
        }
        jdbc.query("""
                select s.role, count(*) from grid_staff s join grid_node n on n.id = s.node_id
                 where %s and s.assigned_from <= ?
                   and (s.assigned_to is null or s.assigned_to >= ?) group by s.role""".formatted(inSubtree.sql()),
                rs -> {
                    byRole.put(StaffRole.valueOf(rs.getString(1)), rs.getLong(2));
                }, inSubtree.argsBefore(today, today));

        Long withoutWorker = jdbc.queryForObject("""
                select count(*) from grid_node n
                 where %s and n.status = 'ACTIVE'
                   and n.type in ('GENERAL_GRID', 'MICRO_GRID', 'DEDICATED_GRID')
                   and not exists (select 1 from grid_staff s where s.node_id = n.id and s.primary_worker
                                      and s.assigned_from <= ? and (s.assigned_to is null or s.assigned_to >= ?))"""
                .formatted(inSubtree.sql()),
                Long.class, inSubtree.argsBefore(today, today));
        Long withoutBoundary = jdbc.queryForObject("""
                select count(*) from grid_node n
                 where %s and n.status = 'ACTIVE'
                   and not exists (select 1 from grid_boundary b where b.node_id = n.id and b.valid_to is null)"""
                .formatted(inSubtree.sql()),
                Long.class, inSubtree.array());
        return new CoreFigures(byType, byRole, withoutWorker == null ? 0 : withoutWorker,
                withoutBoundary == null ? 0 : withoutBoundary);
    }

    /**
     * The area no micro grid covers, per drawn community: of the community itself, or of each community of a street;
     * empty for the other levels (a district's would union tens of thousands of micro grids per request).
     */
    public List<CoverageGap> coverageGaps(long nodeId) {
        return coverageGaps(visible.require(nodeId));
    }

    private List<CoverageGap> coverageGaps(GridNode node) {
        return node.getType() == GridType.COMMUNITY || node.getType() == GridType.STREET ? gaps.under(node.getPath())
                : List.of();
    }
}
