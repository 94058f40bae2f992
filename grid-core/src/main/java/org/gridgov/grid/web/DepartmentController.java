package org.gridgov.grid.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.gridgov.grid.DepartmentService;
import org.gridgov.grid.DepartmentView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Functional departments that answer a street's whistle. */
@RestController
@Tag(name = "Departments", description = "Functional departments (职能部门) attached to districts and streets")
class DepartmentController {

    private final DepartmentService departments;

    DepartmentController(DepartmentService departments) {
        this.departments = departments;
    }

    record CreateDepartmentRequest(
            @NotBlank @Pattern(regexp = "[0-9A-Za-z_-]{2,32}", message = "2 to 32 letters, digits, '_' or '-'")
            @Schema(example = "DS-GAS") String code,
            @NotBlank @Size(max = 100) @Schema(example = "燃气公司东升服务站") String name,
            @NotBlank @Pattern(regexp = "[A-Z_]{2,32}", message = "upper-case letters and '_', e.g. GAS")
            @Schema(description = "what the department does, e.g. GAS, HOUSING, FIRE, POLICE", example = "GAS")
            String kind,
            @NotNull @Schema(description = "id of the DISTRICT or STREET node it is attached to", example = "2")
            Long nodeId,
            @Pattern(regexp = "\\+?[0-9-]{5,20}", message = "digits, '-' and an optional leading '+'")
            @Schema(example = "028-85812345") String phone) {
    }

    @PostMapping("/api/v1/departments")
    @Operation(summary = "Create a department", description = "Attached to a DISTRICT or STREET node. Honours "
            + "Idempotency-Key.")
    ResponseEntity<DepartmentView> create(@Valid @RequestBody CreateDepartmentRequest request) {
        DepartmentView view = departments.create(request.code(), request.name(), request.kind(), request.nodeId(),
                request.phone());
        return ResponseEntity.created(URI.create("/api/v1/departments/" + view.id())).body(view);
    }

    @GetMapping("/api/v1/departments/{id}")
    @Operation(summary = "Get a department", description = "One functional department.")
    DepartmentView get(@PathVariable long id) {
        return departments.get(id);
    }

    @GetMapping("/api/v1/departments")
    @Operation(summary = "Departments of a node", description = "Attached to the node, or with `summonable=true` "
            + "all that the node's street can summon (its street's and its district's).")
    List<DepartmentView> list(@RequestParam long nodeId, @RequestParam(defaultValue = "false") boolean summonable) {
        return summonable ? departments.summonable(nodeId) : departments.attachedTo(nodeId);
    }
}
