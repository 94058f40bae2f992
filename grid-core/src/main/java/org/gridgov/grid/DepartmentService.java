package org.gridgov.grid;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridgov.grid.internal.Department;
import org.gridgov.grid.internal.DepartmentRepository;
import org.gridgov.grid.internal.GridNode;
import org.gridgov.grid.internal.GridNodeRepository;
import org.gridgov.shared.DomainException;
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
    private final Clock clock;

    DepartmentService(DepartmentRepository departments, GridNodeRepository nodes, Optional<Clock> clock) {
        this.departments = departments;
        this.nodes = nodes;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Transactional
    public DepartmentView create(String code, String name, String kind, long nodeId, String phone) {
        GridNode node = nodes.findById(nodeId).orElseThrow(() -> DomainException.ruleViolation(
                "grid.node.unknown", "nodeId", "No grid with id " + nodeId));
        if (node.getType() != GridType.DISTRICT && node.getType() != GridType.STREET) {
            throw DomainException.ruleViolation("department.node-type", "nodeId",
                    "Departments attach to a DISTRICT or a STREET, not a " + node.getType());
        }
        if (departments.existsByCode(code)) {
            throw DomainException.conflict("department.duplicate-code", "A department with code " + code + " exists");
        }
        return view(departments.save(new Department(code, name, kind, nodeId, phone, clock.instant())));
    }

    public DepartmentView get(long id) {
        return departments.findById(id).map(DepartmentService::view)
            .orElseThrow(() -> DomainException.notFound("department.not-found", "No department " + id));
    }

    public List<DepartmentView> attachedTo(long nodeId) {
        return departments.findByNodeIdAndActiveTrueOrderByCode(nodeId).stream().map(DepartmentService::view).toList();
    }

    /** The departments a node's street can summon: those of the street and of its district. */
    public List<DepartmentView> summonable(long nodeId) {
        GridNode node = nodes.findById(nodeId).orElseThrow(() -> DomainException.notFound("grid.node.not-found",
                "No grid with id " + nodeId));
        List<DepartmentView> result = new ArrayList<>();
        for (Long ancestor : node.pathIds()) {
            GridType type = nodes.findById(ancestor).map(GridNode::getType).orElse(null);
            if (type == GridType.DISTRICT || type == GridType.STREET) {
                result.addAll(attachedTo(ancestor));
            }
        }
        return result;
    }

    static DepartmentView view(Department d) {
        return new DepartmentView(d.getId(), d.getCode(), d.getName(), d.getKind(), d.getNodeId(), d.getPhone(),
                d.isActive());
    }
}
