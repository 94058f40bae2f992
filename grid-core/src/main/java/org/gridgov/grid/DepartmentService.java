package org.gridgov.grid;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.internal.Department;
import org.gridgov.grid.internal.DepartmentMapper;
import org.gridgov.grid.internal.DepartmentRepository;
import org.gridgov.grid.internal.GridAudit;
import org.gridgov.grid.internal.GridNode;
import org.gridgov.grid.internal.GridNodeRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.grid.internal.VisibleGrids;
import org.gridgov.shared.scope.DataScopeProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Functional departments (housing, gas, fire, urban management, police …), attached to a district or street. The
 * incident module's whistle summons them; {@link #summonable(long)} lists those a street can summon.
 */
@Service
@Transactional(readOnly = true)
public class DepartmentService {

    private final DepartmentRepository departments;
    private final GridNodeRepository nodes;
    private final DataScopeProvider scopes;
    private final VisibleGrids visible;
    private final DepartmentMapper mapper;
    private final GridAudit audit;
    private final Clock clock;

    DepartmentService(DepartmentRepository departments, GridNodeRepository nodes, DataScopeProvider scopes,
            VisibleGrids visible, DepartmentMapper mapper, GridAudit audit, Optional<Clock> clock) {
        this.mapper = mapper;
        this.audit = audit;
        this.scopes = scopes;
        this.visible = visible;
        this.departments = departments;
        this.nodes = nodes;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Transactional
    public DepartmentView create(String code, String name, String kind, long nodeId, String phone) {
        GridNode node = visible.find(nodeId)
            .orElseThrow(() -> DomainException.ruleViolation("grid.node.unknown", "nodeId", "No grid with id " + nodeId));
        if (node.getType() != GridType.DISTRICT && node.getType() != GridType.STREET) {
            throw DomainException.ruleViolation("department.node-type", "nodeId",
                    "Departments attach to a DISTRICT or a STREET, not a " + node.getType());
        }
        if (departments.existsByCode(code)) {
            throw DomainException.conflict("department.duplicate-code", "A department with code " + code + " exists");
        }
        DepartmentView created = mapper.toView(departments.save(new Department(code, name, kind, nodeId, phone,
                clock.instant())));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("code", code);
        after.put("name", name);
        after.put("kind", kind);
        after.put("grid", node.getCode());
        after.put("phone", phone);
        audit.change("DEPARTMENT_CREATED", "department", created.id(), node.getPath(), null, after);
        return created;
    }

    public DepartmentView get(long id) {
        return departments.findById(id)
            .filter(d -> nodes.findById(d.getNodeId()).map(n -> scopes.current().coversOrIsAbove(n.getPath()))
                .orElse(false))
            .map(mapper::toView)
            .orElseThrow(() -> DomainException.notFound("department.not-found", "No department " + id));
    }

    /** Departments attached to a node inside the caller's scope or above it (a worker sees their street's). */
    public List<DepartmentView> attachedTo(long nodeId) {
        nodes.findById(nodeId).filter(n -> scopes.current().coversOrIsAbove(n.getPath()))
            .orElseThrow(() -> DomainException.notFound("grid.node.not-found", "No grid with id " + nodeId));
        return attachedToUnscoped(nodeId);
    }

    private List<DepartmentView> attachedToUnscoped(long nodeId) {
        return departments.findByNodeIdAndActiveTrueOrderByCode(nodeId).stream().map(mapper::toView).toList();
    }

    /** The departments a node's street can summon: those of the street and of its district. */
    public List<DepartmentView> summonable(long nodeId) {
        GridNode node = visible(nodeId);
        List<DepartmentView> result = new ArrayList<>();
        for (GridNode ancestor : nodes.findAllById(node.pathIds())) {
            if (ancestor.getType() == GridType.DISTRICT || ancestor.getType() == GridType.STREET) {
                result.addAll(attachedToUnscoped(ancestor.getId()));
            }
        }
        return result;
    }

    private GridNode visible(long nodeId) {
        return visible.require(nodeId);
    }
}
