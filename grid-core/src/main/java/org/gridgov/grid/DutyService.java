package org.gridgov.grid;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.internal.DutyAdmission;
import org.gridgov.grid.internal.GridAudit;
import org.gridgov.grid.internal.DutyAdmissionRepository;
import org.gridgov.grid.internal.DutyMapper;
import org.gridgov.grid.internal.DutyRepository;
import org.gridgov.grid.internal.GridNode;
import org.gridgov.shared.DomainException;
import org.gridgov.grid.internal.VisibleGrids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Duty lists (职责清单) and admission (准入): work outside a role's duty list may only be pushed onto grid staff with a
 * recorded approval. Other modules call {@link #requireAdmitted} before assigning work to grid staff.
 */
@Service
@Transactional(readOnly = true)
public class DutyService {

    private final DutyRepository duties;
    private final DutyAdmissionRepository admissions;
    private final VisibleGrids visible;
    private final DutyMapper mapper;
    private final GridAudit audit;
    private final Clock clock;

    DutyService(DutyRepository duties, DutyAdmissionRepository admissions, VisibleGrids visible, DutyMapper mapper,
            GridAudit audit, Optional<Clock> clock) {
        this.audit = audit;
        this.visible = visible;
        this.mapper = mapper;
        this.duties = duties;
        this.admissions = admissions;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public List<DutyView> dutyList(GridType gridType, StaffRole role) {
        var list = role == null ? duties.findByGridTypeAndActiveTrueOrderBySortOrder(gridType)
                : duties.findByGridTypeAndRoleAndActiveTrueOrderBySortOrder(gridType, role);
        return list.stream().map(mapper::toView).toList();
    }

    /** May work {@code workCode} be pushed onto {@code role} in grid {@code nodeId} today? */
    public AdmissionDecision check(long nodeId, StaffRole role, String workCode) {
        GridNode node = node(nodeId);
        if (duties.existsByGridTypeAndRoleAndCodeAndActiveTrue(node.getType(), role, workCode)) {
            return AdmissionDecision.onDutyList();
        }
        return admissions.inForce(role, workCode, node.pathIds(), LocalDate.now(clock)).stream().findFirst()
            .map(mapper::toDecision)
            .orElse(AdmissionDecision.notAdmitted());
    }

    /**
     * @throws DomainException 422 {@code grid.duty.not-admitted} when the work is neither on the list nor approved
     */
    public AdmissionDecision requireAdmitted(long nodeId, StaffRole role, String workCode) {
        AdmissionDecision decision = check(nodeId, role, workCode);
        if (!decision.admitted()) {
            throw DomainException.ruleViolation("grid.duty.not-admitted", "workCode", "Work " + workCode
                    + " is not on the duty list of " + role + " and has no admission approval");
        }
        return decision;
    }

    /** Records an approval for work outside the duty list, valid at the node and everything under it. */
    @Transactional
    public AdmissionView approve(long nodeId, StaffRole role, String workCode, String workTitle, String reason,
            String approvedBy, LocalDate validUntil) {
        GridNode node = node(nodeId);
        if (duties.existsByGridTypeAndRoleAndCodeAndActiveTrue(node.getType(), role, workCode)) {
            throw DomainException.conflict("grid.duty.already-on-list",
                    workCode + " is on the duty list already; no admission is needed");
        }
        if (validUntil != null && validUntil.isBefore(LocalDate.now(clock))) {
            throw DomainException.invalidField("grid.duty.valid-until", "validUntil", "validUntil is in the past");
        }
        DutyAdmission saved = admissions.save(new DutyAdmission(nodeId, role, workCode, workTitle, reason, approvedBy,
                clock.instant(), validUntil));
        AdmissionView view = mapper.toView(saved);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("grid", node.getCode());
        after.put("role", role);
        after.put("workCode", workCode);
        after.put("workTitle", workTitle);
        after.put("reason", reason);
        after.put("validUntil", validUntil == null ? null : validUntil.toString());
        audit.change("GRID_ADMISSION_APPROVED", "duty_admission", view.id(), node.getPath(), null, after);
        return view;
    }

    public List<AdmissionView> admissions(long nodeId) {
        node(nodeId);
        return admissions.findByNodeIdOrderByApprovedAtDesc(nodeId).stream().map(mapper::toView).toList();
    }

    private GridNode node(long nodeId) {
        return visible.require(nodeId);
    }
}
