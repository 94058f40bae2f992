package org.gridgov.grid.web;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.gridgov.grid.GridStaffImportService;
import org.gridgov.grid.StaffImportJobView;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.table.TableFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Bulk staff assignments from a spreadsheet, as a background job. */
@RestController
@Tag(name = "Grid staff import", description = "姓名, 角色, 网格编码, 电话, 起始日期… from CSV or .xlsx, all or nothing")
class StaffImportController {

    private static final String FILE_PART = "The assignments: a .csv (UTF-8 or GBK/GB18030) or .xlsx (first sheet) "
            + "whose header names 姓名/name, 角色/role, 网格编码/gridCode and optionally 电话/phone, 起始日期/fromDate, "
            + "截止日期/toDate, 主责/primaryWorker";

    private final GridStaffImportService imports;

    StaffImportController(GridStaffImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/v1/staff-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import staff assignments", description = "Multipart `file` in the template of "
            + "/api/v1/staff-imports/template (Chinese or English headings; roles 微网格员, 网格员, 专属网格员, 楼栋长, "
            + "社区工作者, 街道干部 or their enum names). Each row's grid must be active and in my part of the tree, the "
            + "role must serve its type, and a grid has one primary worker at a time. Runs in the background: 202 with "
            + "the job; a file with any error writes nothing and ends FAILED with a report per row (numbered as Excel "
            + "shows it). An assignment already recorded (grid, person, role, first day) counts as unchanged. 415 "
            + "for other file types. Honours Idempotency-Key.")
    ResponseEntity<StaffImportJobView> submit(
            @Parameter(description = FILE_PART, schema = @Schema(type = "string", format = "binary",
                    description = FILE_PART)) @RequestPart("file") MultipartFile file,
            @Parameter(description = "a CSV's character set: UTF-8 or GBK/GB18030; default: detected", example = "GBK")
            @RequestParam(required = false) String charset,
            Principal principal) throws IOException {
        if (file.isEmpty()) {
            throw DomainException.invalidField("grid.staff-import.empty", "file", "The file is empty");
        }
        StaffImportJobView job = imports.submit(file.getOriginalFilename(), charset, file.getBytes(),
                principal == null ? "anonymous" : principal.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/staff-imports/" + job.id())).body(job);
    }

    @GetMapping("/api/v1/staff-imports/{id}")
    @Operation(summary = "A staff import job", description = "Status, phase, counts and the per-row error report.")
    StaffImportJobView get(@PathVariable long id) {
        return imports.get(id);
    }

    @GetMapping("/api/v1/staff-imports")
    @Operation(summary = "Staff import jobs", description = "Newest first, those run in my part of the tree.")
    PageResult<StaffImportJobView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return imports.list(page, size);
    }

    @GetMapping(path = "/api/v1/staff-imports/template", produces = { "text/csv", TableFormats.XLSX })
    @Operation(summary = "The staff import template", description = "Chinese headings (姓名, 角色, 网格编码, 电话, "
            + "起始日期, 截止日期, 主责) and a sample row for the grid template's micro grid; format csv (UTF-8 with "
            + "BOM, default) or xlsx.")
    ResponseEntity<StreamingResponseBody> template(
            @Parameter(description = "csv (default) or xlsx") @RequestParam(defaultValue = "csv") String format) {
        TableFormat table = TableFormat.of(format, "grid.staff-template.format");
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"staff-template." + table.extension() + "\"")
            .contentType(MediaType.parseMediaType(table.mediaType()))
            .body(out -> imports.writeTemplate(table, out));
    }
}
