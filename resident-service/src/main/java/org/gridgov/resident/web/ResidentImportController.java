package org.gridgov.resident.web;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.gridgov.resident.CareLevel;
import org.gridgov.resident.ResidentExportService;
import org.gridgov.resident.ResidentImportJobView;
import org.gridgov.resident.ResidentImportService;
import org.gridgov.resident.ResidentSearch;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Import the community's spreadsheet as a background job; export what I can see. */
@RestController
@Tag(name = "Resident import and export", description = "CSV / .xlsx in the documented template, all or nothing; "
        + "exports masked unless I may reveal, audited, formula-safe")
class ResidentImportController {

    private static final MediaType XLSX = MediaType
        .parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final ResidentImportService imports;
    private final ResidentExportService exports;

    private static final String FILE_PART = "The residents to import: a .csv (UTF-8 or GB18030) or .xlsx (first sheet) in the "
            + "template of /api/v1/resident-imports/template";

    ResidentImportController(ResidentImportService imports, ResidentExportService exports) {
        this.imports = imports;
        this.exports = exports;
    }

    @PostMapping(path = "/api/v1/resident-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import compounds, buildings, dwellings and residents", description = "Multipart `file`: a "
            + ".csv (UTF-8 with or without BOM, or GBK/GB18030 as Excel saves \"CSV\" on Chinese Windows; detected "
            + "or named by `charset`; a row with bytes that are not text fails) or .xlsx (first sheet) in the template of /api/v1/resident-imports/template (English keys "
            + "or Chinese headings). Runs in the background: 202 with the job; follow its progress at Location. A file "
            + "with any error writes nothing; the job ends FAILED with a report per row, numbered as Excel shows it "
            + "(header = row 1). Honours Idempotency-Key. 413 over the size limit, 415 "
            + "for other file types, 400 for an .xlsx that is not a workbook.")
    ResponseEntity<ResidentImportJobView> submit(
            @Parameter(description = FILE_PART, schema = @Schema(type = "string", format = "binary", description = FILE_PART))
            @RequestPart("file") MultipartFile file,
            @Parameter(description = "the CSV's character set: UTF-8 or GBK/GB18030; default: detected (UTF-8 BOM, "
                    + "else valid UTF-8, else GB18030)", example = "GB18030") @RequestParam(required = false) String charset,
            Principal principal) throws IOException {
        if (file.isEmpty()) {
            throw DomainException.invalidField("resident.import.empty", "file", "The file is empty");
        }
        ResidentImportJobView job = imports.submit(file.getOriginalFilename(), charset, file.getSize(), file.getInputStream(),
                principal == null ? "anonymous" : principal.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/resident-imports/" + job.id())).body(job);
    }

    @GetMapping("/api/v1/resident-imports")
    @Operation(summary = "Resident import jobs", description = "Newest first, those run in my part of the tree.")
    PageResult<ResidentImportJobView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return imports.list(page, size);
    }

    @GetMapping("/api/v1/resident-imports/{id}")
    @Operation(summary = "A resident import job", description = "Status, phase, percent, counts and the first 1,000 "
            + "problems of a failed import.")
    ResidentImportJobView get(@PathVariable long id) {
        return imports.get(id);
    }

    @GetMapping(path = "/api/v1/resident-imports/{id}/errors.csv", produces = "text/csv")
    @Operation(summary = "An import's error report", description = "line, field, code, message — as CSV.")
    ResponseEntity<StreamingResponseBody> errors(@PathVariable long id) {
        imports.get(id);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"resident-import-" + id + "-errors.csv\"")
            .contentType(CSV)
            .body(out -> imports.writeErrors(id, out));
    }

    @GetMapping("/api/v1/resident-imports/template")
    @Operation(summary = "The import template", description = "format csv (default) or xlsx; `chinese=true` for the "
            + "Chinese headings. The header and one example row.")
    ResponseEntity<StreamingResponseBody> template(@RequestParam(defaultValue = "csv") String format,
            @RequestParam(defaultValue = "false") boolean chinese) {
        boolean xlsx = "xlsx".equalsIgnoreCase(format);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"resident-template." + (xlsx ? "xlsx" : "csv") + "\"")
            .contentType(xlsx ? XLSX : CSV)
            .body(out -> imports.writeTemplate(format, chinese, out));
    }

    @GetMapping("/api/v1/residents/export")
    @Operation(summary = "Export residents", description = "The residents I may see, with the search filters of GET "
            + "/api/v1/residents; format csv or xlsx. ID numbers and phones masked unless my role may reveal them; "
            + "every export is in the audit log; cells that would start a formula are prefixed with '.")
    ResponseEntity<StreamingResponseBody> exportResidents(@RequestParam(required = false) String name,
            @RequestParam(required = false) String idNumber, @RequestParam(required = false) String phone,
            @RequestParam(required = false) Long nodeId, @RequestParam(required = false) String tag,
            @RequestParam(required = false) CareLevel careLevel,
            @RequestParam(defaultValue = "false") boolean specialGroups,
            @RequestParam(defaultValue = "csv") String format, HttpServletRequest request) {
        var export = exports.residents(new ResidentSearch(name, idNumber, phone, nodeId, tag, careLevel,
                specialGroups), format);
        return stream(export, request);
    }

    @GetMapping("/api/v1/dwellings/export")
    @Operation(summary = "Export dwellings", description = "The dwellings I may see (optionally under nodeId), csv or "
            + "xlsx; audited.")
    ResponseEntity<StreamingResponseBody> exportDwellings(@RequestParam(required = false) Long nodeId,
            @RequestParam(defaultValue = "csv") String format, HttpServletRequest request) {
        return stream(exports.dwellings(nodeId, format), request);
    }

    private static ResponseEntity<StreamingResponseBody> stream(ResidentExportService.PreparedExport export,
            HttpServletRequest request) {
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
            .contentType(export.format().equals("xlsx") ? XLSX : CSV)
            .body(out -> export.writer().writeTo(out));
    }
}
