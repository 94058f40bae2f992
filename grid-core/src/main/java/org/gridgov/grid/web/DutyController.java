package org.gridgov.grid.web;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.gridgov.grid.AdmissionDecision;
import org.gridgov.grid.AdmissionView;
import org.gridgov.grid.DutyService;
import org.gridgov.grid.DutyView;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Duty lists and admission of work outside them. */
@RestController
@Tag(name = "Duties", description = "Duty lists (职责清单) and admission (准入) of work outside them")
class DutyController {

    private final DutyService duties;

    DutyController(DutyService duties) {
        this.duties = duties;
    }

    record ApproveAdmissionRequest(
            @NotNull @Schema(description = "the grid the approval holds for, and everything under it", example = "3")
            Long nodeId,
            @NotNull @Schema(example = "MICRO_GRID_WORKER") StaffRole role,
            @NotBlank @Pattern(regexp = "[A-Z0-9_]{2,40}", message = "upper-case letters, digits and '_'")
            @Schema(example = "ELECTRIC_BIKE_CHECK") String workCode,
            @NotBlank @Size(max = 200) @Schema(example = "电动自行车入户充电排查") String workTitle,
            @NotBlank @Size(max = 1000) @Schema(example = "街道消防安全专项整治，需微网格员逐户排查") String reason,
            @Schema(description = "last day it holds; open-ended when omitted", example = "2027-03-31")
            LocalDate validUntil) {
    }

    @GetMapping("/api/v1/duties")
    @Operation(summary = "Duty list", description = "The duties of a grid type, optionally for one role.")
    List<DutyView> dutyList(@RequestParam GridType gridType, @RequestParam(required = false) StaffRole role) {
        return duties.dutyList(gridType, role);
    }

    @GetMapping("/api/v1/admissions/check")
    @Operation(summary = "May this work be pushed onto this role here?", description = "ON_DUTY_LIST, APPROVED (with "
            + "the approval) or NOT_ADMITTED. Approvals recorded at a node hold for everything under it.")
    AdmissionDecision check(@RequestParam long nodeId, @RequestParam StaffRole role, @RequestParam String workCode) {
        return duties.check(nodeId, role, workCode);
    }

    @PostMapping("/api/v1/admissions")
    @Operation(summary = "Record an admission approval", description = "Approves work outside the duty list for a "
            + "role at a node and its subtree; the approver is the caller. Honours Idempotency-Key.")
    ResponseEntity<AdmissionView> approve(@Valid @RequestBody ApproveAdmissionRequest request, Principal principal) {
        AdmissionView view = duties.approve(request.nodeId(), request.role(), request.workCode(), request.workTitle(),
                request.reason(), principal == null ? "anonymous" : principal.getName(), request.validUntil());
        return ResponseEntity.created(URI.create("/api/v1/admissions?nodeId=" + view.nodeId())).body(view);
    }

    @GetMapping("/api/v1/grids/{id}/admissions")
    @Operation(summary = "Admission approvals recorded at a node", description = "Newest first.")
    List<AdmissionView> admissions(@PathVariable long id) {
        return duties.admissions(id);
    }
}
