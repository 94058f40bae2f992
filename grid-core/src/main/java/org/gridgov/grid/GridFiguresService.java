package org.gridgov.grid;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.internal.CoverageGaps;
import org.gridgov.grid.internal.GridNode;
import org.gridgov.grid.internal.GridNodeMapper;
import org.gridgov.grid.internal.VisibleGrids;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Figures for any node: each is one indexed range query over the subtree's paths ({@link PathRange}). */
@Service
@Transactional(readOnly = true)
public class GridFiguresService {

    private final JdbcTemplate jdbc;
    private final List<GridFiguresContributor> contributors;
    private final VisibleGrids visible;
    private final GridNodeMapper mapper;
    private final CoverageGaps gaps;
    private final Clock clock;

    GridFiguresService(JdbcTemplate jdbc, List<GridFiguresContributor> contributors, VisibleGrids visible,
            GridNodeMapper mapper, CoverageGaps gaps, Optional<Clock> clock) {
        this.gaps = gaps;
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

        Map<String, Map<String, Object>> extensions = new LinkedHashMap<>();
        for (GridFiguresContributor contributor : contributors) {
            extensions.put(contributor.key(), contributor.figures(subtree));
        }
        return new GridFigures(mapper.toRef(node), byType,
                byRole, withoutWorker == null ? 0 : withoutWorker, withoutBoundary == null ? 0 : withoutBoundary,
                coverageGaps(node), extensions);
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
