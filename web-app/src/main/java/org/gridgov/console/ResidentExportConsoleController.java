package org.gridgov.console;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.resident.CareLevel;
import org.gridgov.resident.ResidentExportService;
import org.gridgov.resident.ResidentSearch;
import org.gridgov.shared.security.Role;
import org.gridgov.shared.table.TableFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The resident search's export buttons, through the console's session: exactly the rows of the search form's filter
 * (the same {@link ResidentSearch} the list pages through), CSV with a BOM or .xlsx, by the resident module's one
 * exporter — masked unless the role may reveal, formulas neutralised, audited.
 */
@Controller
@PreAuthorize(Role.Expressions.GRID_STAFF)
class ResidentExportConsoleController {

    private final ResidentExportService exports;

    ResidentExportConsoleController(ResidentExportService exports) {
        this.exports = exports;
    }

    @GetMapping("/residents/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String q,
            @RequestParam(defaultValue = "name") String by, @RequestParam(required = false) CareLevel careLevel,
            @RequestParam(defaultValue = "false") boolean special, @RequestParam(defaultValue = "csv") String format,
            HttpServletRequest request) {
        String query = q == null || q.isBlank() ? null : q.strip();
        ResidentSearch search = new ResidentSearch(by.equals("name") ? query : null,
                by.equals("idNumber") ? query : null, by.equals("phone") ? query : null, null, null, careLevel,
                special);
        var export = exports.residents(search, format);
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
            .contentType(MediaType.parseMediaType(TableFormat.of(export.format(), "resident.export.format")
                .mediaType()))
            .body(out -> export.writer().writeTo(out));
    }
}
