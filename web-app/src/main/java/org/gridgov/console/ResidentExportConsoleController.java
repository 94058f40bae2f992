package org.gridgov.console;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.resident.CareLevel;
import org.gridgov.resident.CompoundView;
import org.gridgov.resident.HousingService;
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
 * The export buttons of the resident pages, through the console's session. The resident search and each care-board
 * column: exactly the rows of the page's filter (the same {@link ResidentSearch} the list pages through), by the
 * resident module's one exporter — masked unless the role may reveal, formulas neutralised, audited. The housing
 * list: its compounds (no personal data) through {@link ConsoleTableExport}.
 */
@Controller
@PreAuthorize(Role.Expressions.GRID_STAFF)
class ResidentExportConsoleController {

    private final ResidentExportService exports;
    private final HousingService housing;
    private final ConsoleTableExport tables;

    ResidentExportConsoleController(ResidentExportService exports, HousingService housing,
            ConsoleTableExport tables) {
        this.exports = exports;
        this.housing = housing;
        this.tables = tables;
    }

    /** The compounds of the housing list's filter (grid, name), with their buildings and visible dwellings. */
    @GetMapping("/residents/housing/export")
    ResponseEntity<StreamingResponseBody> compounds(@RequestParam(required = false) Long nodeId,
            @RequestParam(required = false) String name, @RequestParam(defaultValue = "csv") String format,
            HttpServletRequest request) {
        return tables.export("compounds", format, "nodeId=" + nodeId + " name=" + name,
                List.of("code", "name", "address", "community", "buildings", "dwellings"),
                page -> housing.compounds(nodeId, name, page, ConsoleTableExport.BATCH),
                c -> List.of(c.code(), c.name(), c.address() == null ? "" : c.address(),
                        c.community() == null ? "" : c.community().name(), String.valueOf(c.buildings().size()),
                        String.valueOf(c.buildings().stream().mapToLong(CompoundView.BuildingView::dwellings).sum())),
                request);
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
