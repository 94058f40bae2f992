package org.gridgov.grid;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.locationtech.jts.geom.Geometry;

import org.gridgov.grid.internal.BoundaryRules;
import org.gridgov.grid.internal.Geometries;
import org.gridgov.grid.internal.GridBoundary;
import org.gridgov.grid.internal.GridAudit;
import org.gridgov.grid.internal.GridBoundaryRepository;
import org.gridgov.grid.internal.GridCodes;
import org.gridgov.grid.internal.GridNode;
import org.gridgov.grid.internal.GridNodeMapper;
import org.gridgov.grid.internal.GridNodeRepository;
import org.gridgov.grid.internal.GridStaffRepository;
import org.gridgov.grid.internal.SubtreeMover;
import org.gridgov.grid.internal.TopologyVersions;
import org.gridgov.grid.internal.VisibleGrids;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.Versions;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grid tree: create, change, move and retire nodes, and their boundaries with history. Every change that
 * alters where a point is located bumps the topology version, so every application node's spatial index follows.
 */
@Service
@Transactional(readOnly = true)
public class GridNodeService {

    private final GridNodeRepository nodes;
    private final GridBoundaryRepository boundaries;
    private final GridStaffRepository staff;
    private final BoundaryRules boundaryRules;
    private final TopologyVersions topology;
    private final ApplicationEventPublisher events;
    private final DataScopeProvider scopes;
    private final VisibleGrids visible;
    private final GridNodeMapper mapper;
    private final SubtreeMover mover;
    private final GridAudit audit;
    private final Clock clock;

    GridNodeService(GridNodeRepository nodes, GridBoundaryRepository boundaries, GridStaffRepository staff,
            BoundaryRules boundaryRules, TopologyVersions topology, ApplicationEventPublisher events,
            DataScopeProvider scopes, VisibleGrids visible, GridNodeMapper mapper, SubtreeMover mover,
            GridAudit audit, Optional<Clock> clock) {
        this.mapper = mapper;
        this.mover = mover;
        this.audit = audit;
        this.scopes = scopes;
        this.visible = visible;
        this.nodes = nodes;
        this.staff = staff;
        this.boundaries = boundaries;
        this.boundaryRules = boundaryRules;
        this.topology = topology;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Transactional
    public GridNodeView create(CreateGridNodeCommand command) {
        if (command.code() != null && nodes.existsByCode(command.code())) {
            throw new DomainException(DomainException.Kind.CONFLICT, "grid.node.duplicate-code",
                    "A grid with code " + command.code() + " already exists",
                    List.of(new org.gridgov.shared.FieldViolation("code", "grid.node.duplicate-code",
                            "already used")));
        }
        GridNode parent = null;
        DataScope scope = scopes.current();
        if (command.parentCode() != null && !command.parentCode().isBlank()) {
            parent = visible.findByCode(command.parentCode())
                .orElseThrow(() -> DomainException.ruleViolation("grid.node.unknown-parent", "parentCode",
                        "No grid with code " + command.parentCode()));
        }
        else if (!scope.isAll() && command.type().mayBeRoot()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "grid.scope.forbidden",
                    "Only a city-wide account may create a " + command.type() + " without a parent");
        }
        String code = code(command, parent);
        Geometry boundary = command.boundaryGeoJson() == null ? null
                : Geometries.parseBoundary(command.boundaryGeoJson(), "boundary");
        Instant now = clock.instant();
        long id = nodes.nextIds(1).get(0);
        GridNode node = GridNode.create(id, code, command.name(), command.type(), parent,
                command.partyOrganisation(), now);
        if (boundary != null) {
            boundaryRules.checkNew(code, command.type(), parent, boundary, "boundary");
        }
        node.touchTopology(bump());
        nodes.save(node);
        if (boundary != null) {
            boundaries.save(new GridBoundary(id, boundary, now));
        }
        Map<String, Object> created = GridAudit.node(node, parent == null ? null : parent.getCode());
        created.putAll(GridAudit.boundary(boundary));
        audit.change("GRID_CREATED", "grid", id, node.getPath(), null, created);
        return view(node, boundary != null, 0);
    }

    /** The given code, checked against the code rule, or the next generated one below the community. */
    private String code(CreateGridNodeCommand command, GridNode parent) {
        boolean blank = command.code() == null || command.code().isBlank();
        if (blank && parent != null && GridCodes.generated(command.type())) {
            return GridCodes.next(command.type(), parent.getCode(), nodes.childCodes(parent.getId()));
        }
        if (parent == null && command.type() != GridType.DISTRICT) {
            return command.code(); // GridNode.create refuses the missing parent
        }
        if (parent != null && !command.type().mayHangUnder(parent.getType())) {
            return command.code(); // GridNode.create refuses the parent's type, the more telling problem
        }
        String problem = GridCodes.problem(command.type(), blank ? null : command.code(),
                parent == null ? null : parent.getCode());
        if (problem != null) {
            throw DomainException.ruleViolation("grid.node.code-rule", "code", problem);
        }
        return command.code();
    }

    public GridNodeView get(long id) {
        GridNode node = load(id);
        return view(node);
    }

    public GridNodeView getByCode(String code) {
        return view(visible.findByCode(code).orElseThrow(() -> notFound(code)));
    }

    @Transactional
    public GridNodeView change(long id, String name, boolean partyOrganisation, long expectedVersion) {
        GridNode node = load(id);
        Versions.requireCurrent(node.getVersion(), expectedVersion, "Grid " + node.getCode());
        Map<String, Object> before = naming(node);
        node.change(name, partyOrganisation, clock.instant());
        node.touchTopology(bump());
        nodes.saveAndFlush(node);
        audit.change("GRID_CHANGED", "grid", id, node.getPath(), before, naming(node));
        return view(node);
    }

    /** Moves a node and its whole subtree under another parent, atomically. */
    @Transactional
    public GridNodeView move(long id, String newParentCode, long expectedVersion) {
        GridNode node = load(id);
        Versions.requireCurrent(node.getVersion(), expectedVersion, "Grid " + node.getCode());
        GridNode newParent = visible.findByCode(newParentCode)
            .orElseThrow(() -> DomainException.ruleViolation("grid.node.unknown-parent", "parentCode",
                    "No grid with code " + newParentCode));
        int oldDepth = node.getDepth();
        GridNode oldParent = nodes.findById(node.getParentId() == null ? -1L : node.getParentId()).orElse(null);
        String oldPath = node.moveUnder(newParent, clock.instant());
        boundaryRules.checkMove(node, newParent, "parentCode");
        long version = bump();
        node.touchTopology(version);
        nodes.saveAndFlush(node);
        String newPath = node.getPath();
        var moved = mover.rebase(id, oldPath, newPath, node.getDepth() - oldDepth, version);
        Map<String, Object> before = new java.util.LinkedHashMap<>();
        before.put("parentCode", oldParent == null ? null : oldParent.getCode());
        before.put("path", oldPath);
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        after.put("parentCode", newParent.getCode());
        after.put("path", newPath);
        after.put("rowsRebased", moved.total());
        // where it went (the new part of the tree reads it) and where it left (so does the old one)
        audit.change("GRID_MOVED", "grid", id, newPath, before, after);
        if (oldParent != null) {
            audit.change("GRID_MOVED_AWAY", "grid", id, oldParent.getPath(), before, after);
        }
        return get(id);
    }

    /**
     * Retires a node; refused while it has active children or staff on duty after today (or due to start). An
     * assignment's {@code assignedTo} is its last day on duty, inclusive: a grid may be retired on that very day.
     */
    @Transactional
    public GridNodeView retire(long id, long expectedVersion) {
        GridNode node = load(id);
        long activeStaff = staff.countOnDutyAfter(id, java.time.LocalDate.now(clock));
        Versions.requireCurrent(node.getVersion(), expectedVersion, "Grid " + node.getCode());
        long children = nodes.countByParentIdAndStatus(id, GridStatus.ACTIVE);
        if (children > 0 || activeStaff > 0) {
            throw new DomainException(DomainException.Kind.CONFLICT, "grid.node.retire-blocked",
                    "Grid " + node.getCode() + " still has " + children + " active children and " + activeStaff
                            + " staff on duty after today; move or retire them first",
                    List.of(), Map.of("activeChildren", children, "activeStaff", activeStaff));
        }
        Instant now = clock.instant();
        node.retire(now);
        boundaries.findCurrent(id).ifPresent(boundary -> boundary.close(now));
        node.touchTopology(bump());
        nodes.saveAndFlush(node);
        audit.change("GRID_RETIRED", "grid", id, node.getPath(), Map.of("status", GridStatus.ACTIVE),
                Map.of("status", GridStatus.RETIRED));
        return view(node);
    }

    /** Replaces the boundary from {@code validFrom} on (default now); the old one is kept with its period. */
    @Transactional
    public BoundaryView changeBoundary(long id, String geoJson, Instant validFrom, long expectedVersion) {
        GridNode node = load(id);
        Versions.requireCurrent(node.getVersion(), expectedVersion, "Grid " + node.getCode());
        if (!node.isActive()) {
            throw DomainException.conflict("grid.node.retired", "Grid " + node.getCode() + " is retired");
        }
        Geometry geometry = Geometries.parseBoundary(geoJson, "boundary");
        boundaryRules.checkRedraw(node, geometry, "boundary");
        Instant from = validFrom == null ? clock.instant() : validFrom;
        Optional<GridBoundary> current = boundaries.findCurrent(id);
        if (current.isPresent() && !from.isAfter(current.get().getValidFrom())) {
            throw DomainException.ruleViolation("grid.boundary.valid-from", "validFrom",
                    "validFrom must be after the current boundary's start " + current.get().getValidFrom());
        }
        Map<String, Object> before = GridAudit.boundary(current.map(GridBoundary::geometry).orElse(null));
        current.ifPresent(boundary -> {
            boundary.close(from);
            boundaries.saveAndFlush(boundary);
        });
        GridBoundary saved = boundaries.save(new GridBoundary(id, geometry, from));
        node.change(node.getName(), node.isPartyOrganisation(), clock.instant());
        node.touchTopology(bump());
        nodes.saveAndFlush(node);
        Map<String, Object> after = GridAudit.boundary(geometry);
        after.put("validFrom", from.toString());
        audit.change("GRID_BOUNDARY_CHANGED", "grid", id, node.getPath(), before, after);
        return mapper.toView(saved, geometry);
    }

    public Optional<BoundaryView> currentBoundary(long id) {
        load(id);
        return boundaries.findCurrent(id).map(mapper::toView);
    }

    public List<BoundaryView> boundaryHistory(long id) {
        load(id);
        return boundaries.findByNodeIdOrderByValidFromDesc(id).stream().map(mapper::toView).toList();
    }

    /** Children of a node ({@code parentId} null: the roots — cities, and districts without a city). */
    public PageResult<GridNodeView> children(Long parentId, boolean includeRetired, Pageable pageable) {
        DataScope scope = scopes.current();
        if (parentId != null) {
            load(parentId);
        }
        else if (scope.kind() == DataScope.Kind.SUBTREE) {
            // a scoped user's tree starts at their own node
            GridNode root = load(scope.nodeId());
            return new PageResult<>(List.of(view(root)), 0, pageable.getPageSize(), 1, 1);
        }
        else if (scope.kind() == DataScope.Kind.NONE) {
            return new PageResult<>(List.of(), 0, pageable.getPageSize(), 0, 0);
        }
        Page<GridNode> page = parentId == null ? nodes.findByParentIdIsNullAndStatusOrderByCode(GridStatus.ACTIVE, pageable)
                : includeRetired ? nodes.findByParentIdOrderByCode(parentId, pageable)
                        : nodes.findByParentIdAndStatusOrderByCode(parentId, GridStatus.ACTIVE, pageable);
        List<Long> ids = page.getContent().stream().map(GridNode::getId).toList();
        var withBoundary = ids.isEmpty() ? java.util.Set.<Long>of()
                : new java.util.HashSet<>(boundaries.nodesWithCurrentBoundary(ids));
        Map<Long, Long> children = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            nodes.countActiveChildren(ids).forEach(row -> children.put((Long) row[0], (Long) row[1]));
        }
        return PageResult.of(page, node -> view(node, withBoundary.contains(node.getId()),
                children.getOrDefault(node.getId(), 0L)));
    }

    /** The chain from the district down to the node, inclusive. */
    public List<GridNodeRef> chain(long id) {
        GridNode node = load(id);
        Map<Long, GridNode> byId = nodes.findAllById(node.pathIds()).stream()
            .collect(Collectors.toMap(GridNode::getId, Function.identity()));
        List<GridNodeRef> chain = new ArrayList<>();
        for (Long ancestor : node.pathIds()) {
            chain.add(mapper.toRef(byId.get(ancestor)));
        }
        return chain;
    }

    /** The materialized path of a node, for subtree predicates in other modules' queries. */
    public String pathOf(long id) {
        return load(id).getPath();
    }

    private static Map<String, Object> naming(GridNode node) {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("name", node.getName());
        state.put("partyOrganisation", node.isPartyOrganisation());
        return state;
    }

    private long bump() {
        long version = topology.bump();
        events.publishEvent(new GridTopologyChanged(version));
        return version;
    }

    /** Loads a node the caller may see: outside the scope it does not exist. */
    private GridNode load(long id) {
        return visible.require(id);
    }

    private static DomainException notFound(String code) {
        return DomainException.notFound("grid.node.not-found", "No grid with code " + code);
    }

    private GridNodeView view(GridNode node) {
        return view(node, boundaries.findCurrent(node.getId()).isPresent(),
                nodes.countByParentIdAndStatus(node.getId(), GridStatus.ACTIVE));
    }

    private GridNodeView view(GridNode node, boolean hasBoundary, long activeChildren) {
        String parentCode = node.getParentId() == null ? null
                : nodes.findById(node.getParentId()).map(GridNode::getCode).orElse(null);
        return mapper.toView(node, parentCode, hasBoundary, activeChildren);
    }
}
