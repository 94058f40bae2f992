package org.gridgov.grid.web;

import java.net.URI;
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

import org.gridgov.grid.AssignStaffCommand;
import org.gridgov.grid.GridStaffService;
import org.gridgov.grid.StaffRole;
import org.gridgov.grid.StaffView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who serves each grid. */
@RestController
@Tag(name = "Grid staff", description = "Grid workers, building heads, community workers and street officers")
class GridStaffController {

    private final GridStaffService staff;

    GridStaffController(GridStaffService staff) {
        this.staff = staff;
    }

    record AssignStaffRequest(@NotBlank @Size(max = 50) @Schema(example = "王建国") String personName,
            @NotNull @Schema(example = "MICRO_GRID_WORKER") StaffRole role,
            @Pattern(regexp = "\\+?[0-9-]{5,20}", message = "digits, '-' and an optional leading '+'")
            @Schema(example = "13981002000") String workPhone,
            @Schema(description = "the grid's primary worker (at most one at a time)", example = "true")
            Boolean primaryWorker,
            @Schema(description = "first day; default today", example = "2026-12-01") LocalDate assignedFrom,
            @Schema(description = "last day; open-ended when omitted", example = "2027-11-30") LocalDate assignedTo) {
    }

    record EndAssignmentRequest(@Schema(description = "last day on duty; default today", example = "2026-12-31")
            LocalDate lastDay) {
    }

    @GetMapping("/api/v1/grids/{id}/staff")
    @Operation(summary = "Staff of a grid", description = "Those on duty today (primary worker first), or with "
            + "`history=true` every assignment, past ones included.")
    List<StaffView> list(@PathVariable long id, @RequestParam(defaultValue = "false") boolean history) {
        return history ? staff.history(id) : staff.onDuty(id);
    }

    @PostMapping("/api/v1/grids/{id}/staff")
    @Operation(summary = "Assign staff to a grid", description = "A grid has at most one primary worker at a time. "
            + "The role must fit the grid's type. Honours Idempotency-Key.")
    ResponseEntity<StaffView> assign(@PathVariable long id, @Valid @RequestBody AssignStaffRequest request) {
        StaffView view = staff.assign(id, new AssignStaffCommand(request.personName(), request.role(),
                request.workPhone(), Boolean.TRUE.equals(request.primaryWorker()), request.assignedFrom(),
                request.assignedTo()));
        return ResponseEntity.created(URI.create("/api/v1/staff/" + view.id())).body(view);
    }

    @GetMapping("/api/v1/staff/{staffId}")
    @Operation(summary = "Get a staff assignment", description = "One assignment of a person to a grid.")
    StaffView get(@PathVariable long staffId) {
        return staff.get(staffId);
    }

    @PostMapping("/api/v1/staff/{staffId}/end")
    @Operation(summary = "End a staff assignment", description = "The assignment ends on `lastDay` (default today).")
    StaffView end(@PathVariable long staffId, @Valid @RequestBody(required = false) EndAssignmentRequest request) {
        return staff.end(staffId, request == null ? null : request.lastDay());
    }
}
