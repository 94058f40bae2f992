package org.gridgov.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.AdmissionView;
import org.gridgov.grid.DepartmentService;
import org.gridgov.grid.DepartmentView;
import org.gridgov.grid.DutyService;
import org.gridgov.grid.DutyView;
import org.gridgov.grid.GridNodeView;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The node page's duties (职责与准入): the duty list of the node's level for every role, the admission approvals
 * recorded at the node, and — for a district or street — the functional departments attached to it. Left out when
 * there is none of the three.
 */
@Component
@Order(200)
class GridDutiesSection implements GridNodePageSection {

    private final DutyService duties;
    private final DepartmentService departments;

    GridDutiesSection(DutyService duties, DepartmentService departments) {
        this.duties = duties;
        this.departments = departments;
    }

    @Override
    public String template() {
        return "grids/duties";
    }

    @Override
    public Optional<Duties> data(GridNodeView node) {
        Map<StaffRole, List<DutyView>> byRole = new LinkedHashMap<>();
        for (DutyView duty : duties.dutyList(node.type(), null)) {
            byRole.computeIfAbsent(duty.role(), role -> new ArrayList<>()).add(duty);
        }
        List<RoleDuties> dutyList = byRole.entrySet().stream()
            .map(entry -> new RoleDuties(entry.getKey(), List.copyOf(entry.getValue())))
            .toList();
        List<AdmissionView> admissions = duties.admissions(node.id());
        boolean hasDepartments = node.type() == GridType.DISTRICT || node.type() == GridType.STREET;
        List<DepartmentView> attached = hasDepartments ? departments.attachedTo(node.id()) : List.of();
        if (dutyList.isEmpty() && admissions.isEmpty() && attached.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Duties(dutyList, admissions, hasDepartments, attached));
    }

    /**
     * What the duties fragment shows.
     *
     * @param departmentsApply whether the node is a district or street, the levels departments attach to
     */
    public record Duties(List<RoleDuties> dutyList, List<AdmissionView> admissions, boolean departmentsApply,
            List<DepartmentView> departments) {
    }

    public record RoleDuties(StaffRole role, List<DutyView> duties) {
    }
}
