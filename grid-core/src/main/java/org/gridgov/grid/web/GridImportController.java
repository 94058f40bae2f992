package org.gridgov.grid.web;

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

import org.gridgov.grid.GridExportService;
import org.gridgov.grid.GridImportService;
import org.gridgov.grid.ImportJobView;
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
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Import a hierarchy as a background job; export any subtree. */
@RestController
@Tag(name = "Grid import and export", description = "GeoJSON / CSV, upsert by code, all or nothing")
class GridImportController {

    private final GridImportService imports;
    private final GridExportService exports;

    GridImportController(GridImportService imports, GridExportService exports) {
        this.imports = imports;
        this.exports = exports;
    }

    private static final String FILE_PART = "The hierarchy to import: a GeoJSON FeatureCollection (.geojson/.json), "
            + "or a CSV (.csv, UTF-8 with or without BOM, or GBK/GB18030) or .xlsx (first sheet) whose header names "
            + "code,name,type,parentCode (or 代码,名称,类型,上级代码; optional partyOrganisation/党组织, boundary/边界)";

    @PostMapping(path = "/api/v1/grid-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a hierarchy", description = "Multipart `file`: a GeoJSON FeatureCollection "
            + "(properties code, name, type, parentCode, partyOrganisation; geometry Polygon/MultiPolygon or null), or "
            + "a CSV / .xlsx table with English or Chinese headings and type names (一般网格, 微网格…) — see docs/API.md "
            + "and the template at /api/v1/grid-imports/template. A CSV's charset is detected (UTF-8 BOM, else valid "
            + "UTF-8, else GB18030) or named by `charset`; a row with bytes that are not text fails. Codes below the "
            + "community may be left empty: they are generated. Upsert by code: importing the same file twice changes "
            + "nothing; a column the file lacks never resets a stored value. Runs in the background: 202 with the job; "
            + "follow its progress at Location. A file with any error changes nothing and the job ends FAILED with a "
            + "report per feature (`row` as Excel numbers it). Honours Idempotency-Key.")
    ResponseEntity<ImportJobView> submit(
            @Parameter(description = FILE_PART,
                    schema = @Schema(type = "string", format = "binary", description = FILE_PART))
            @RequestPart("file") MultipartFile file,
            @Parameter(description = "GEOJSON, CSV or XLSX; default from the file name") @RequestParam(required = false) String format,
            @Parameter(description = "a CSV's character set: UTF-8 or GBK/GB18030; default: detected", example = "GB18030")
            @RequestParam(required = false) String charset,
            Principal principal) throws IOException {
        if (file.isEmpty()) {
            throw DomainException.invalidField("grid.import.empty", "file", "The file is empty");
        }
        ImportJobView job = imports.submit(format, charset, file.getOriginalFilename(), file.getBytes(),
                principal == null ? "anonymous" : principal.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/grid-imports/" + job.id())).body(job);
    }

    @GetMapping("/api/v1/grid-imports/{id}")
    @Operation(summary = "An import job", description = "Status, phase and progress (done/total), counts, and the "
            + "per-feature error report of a failed import.")
    ImportJobView get(@PathVariable long id) {
        return imports.get(id);
    }

    @GetMapping("/api/v1/grid-imports")
    @Operation(summary = "Import jobs", description = "Newest first.")
    PageResult<ImportJobView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return imports.list(page, size);
    }

    @GetMapping(path = "/api/v1/grids/{id}/export.geojson", produces = "application/geo+json")
    @Operation(summary = "Export a subtree as GeoJSON", description = "The node and every active node under it with "
            + "current boundaries, in the import format.")
    ResponseEntity<StreamingResponseBody> geoJson(@PathVariable long id, HttpServletRequest request) {
        var node = exports.require(id);
        ShallowEtagHeaderFilter.disableContentCaching(request); // stream, don't buffer a district for an ETag
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"" + node.code() + ".geojson\"")
            .contentType(MediaType.parseMediaType("application/geo+json"))
            .body(out -> exports.writeGeoJson(id, out));
    }

    @GetMapping(path = "/api/v1/grids/{id}/export.csv", produces = { "text/csv", TableFormats.XLSX })
    @Operation(summary = "Export a subtree as CSV or .xlsx", description = "code,name,type,parentCode,partyOrganisation "
            + "— the CSV import format (no geometry). CSV in UTF-8 with a BOM (Excel shows Chinese); `format=xlsx` "
            + "for a workbook. A name that would start a formula (=, +, -, @, tab, CR) is prefixed with ' so Excel "
            + "shows it as text; the import removes the prefix again, so an export re-imports unchanged.")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable long id,
            @Parameter(description = "csv (default) or xlsx") @RequestParam(defaultValue = "csv") String format,
            HttpServletRequest request) {
        TableFormat table = TableFormat.of(format, "grid.export.format");
        var node = exports.require(id);
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"" + node.code() + "." + table.extension() + "\"")
            .contentType(MediaType.parseMediaType(table.mediaType()))
            .body(out -> exports.writeTable(id, table, out));
    }

    @GetMapping(path = "/api/v1/grid-imports/template", produces = { "text/csv", TableFormats.XLSX })
    @Operation(summary = "The grid import template", description = "Chinese headings (代码, 名称, 类型, 上级代码, 党组织, "
            + "边界) and sample rows from a district down to a micro grid that import as they are; format csv "
            + "(UTF-8 with BOM, default) or xlsx.")
    ResponseEntity<StreamingResponseBody> template(
            @Parameter(description = "csv (default) or xlsx") @RequestParam(defaultValue = "csv") String format) {
        TableFormat table = TableFormat.of(format, "grid.template.format");
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"grid-template." + table.extension() + "\"")
            .contentType(MediaType.parseMediaType(table.mediaType()))
            .body(out -> exports.writeTemplate(table, out));
    }
}
