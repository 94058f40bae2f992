package org.gridgov.console;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.participation.CoverageReport;
import org.gridgov.participation.FacilityImportResult;
import org.gridgov.participation.FacilityKind;
import org.gridgov.participation.FacilityService;
import org.gridgov.participation.LifeCircleService;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.security.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The 15-minute life circle for grid staff: a community's coverage by kind (a table of dwellings beyond 5, 10 and 15
 * walking minutes), its gap dwellings on a Leaflet map beside the facilities, the CSV of the gaps, and for managers
 * the import of facilities with each kind's template. The map reads its points from {@code map.json} (no inline
 * script: the page's Content-Security-Policy forbids it).
 */
@Controller
@RequestMapping("/participation/life-circle")
@PreAuthorize(Role.Expressions.GRID_STAFF)
class LifeCircleConsoleController {

    private final LifeCircleService lifeCircle;
    private final FacilityService facilities;
    private final ConsoleMapProperties map;

    LifeCircleConsoleController(LifeCircleService lifeCircle, FacilityService facilities, ConsoleMapProperties map) {
        this.lifeCircle = lifeCircle;
        this.facilities = facilities;
        this.map = map;
    }

    @GetMapping
    String page(@AuthenticationPrincipal ScopedPrincipal me, @RequestParam(required = false) Long gridId,
            @RequestParam(required = false) String kind, @RequestParam(required = false) Integer thresholdMinutes,
            Model model) {
        Long grid = gridId != null ? gridId : me.scopeNodeId();
        int threshold = thresholdMinutes == null ? 15 : thresholdMinutes;
        model.addAttribute("gridId", grid);
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("threshold", threshold);
        model.addAttribute("kinds", List.of(FacilityKind.values()));
        model.addAttribute("map", map);
        model.addAttribute("method", lifeCircle.walking().method());
        if (grid != null) {
            try {
                CoverageReport report = lifeCircle.coverage(grid, null, threshold, blank(kind));
                model.addAttribute("report", report);
                model.addAttribute("gapsShown", report.gaps().subList(0, Math.min(500, report.gaps().size())));
            }
            catch (DomainException ex) {
                model.addAttribute("error", ex.getMessage());
            }
        }
        return "participation/life-circle";
    }

    /** The report's facilities and gap dwellings, for the map. */
    record MapData(List<CoverageReport.MapFacility> facilities, List<CoverageReport.GapDwelling> gaps) {
    }

    @GetMapping(path = "/map.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MapData> mapData(@RequestParam Long gridId, @RequestParam(required = false) String kind,
            @RequestParam(required = false) Integer thresholdMinutes) {
        CoverageReport report = lifeCircle.coverage(gridId, null, thresholdMinutes, blank(kind));
        return ResponseEntity.ok(new MapData(report.facilities(), report.gaps()));
    }

    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam Long gridId, @RequestParam(required = false) String kind,
            @RequestParam(required = false) Integer thresholdMinutes, HttpServletRequest request) {
        CoverageReport report = lifeCircle.coverage(gridId, null, thresholdMinutes, blank(kind));
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"life-circle-" + report.gridId() + "-gaps.csv\"")
            .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
            .body(out -> lifeCircle.writeGaps(report, "csv", out));
    }

    @GetMapping("/template")
    ResponseEntity<StreamingResponseBody> template(@RequestParam String kind,
            @RequestParam(defaultValue = "xlsx") String format) {
        facilities.writeTemplate(kind, "csv", java.io.OutputStream.nullOutputStream());
        boolean xlsx = "xlsx".equalsIgnoreCase(format);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"facilities-" + kind.toLowerCase(java.util.Locale.ROOT)
                    + (xlsx ? ".xlsx" : ".csv") + "\"")
            .contentType(MediaType.parseMediaType(xlsx
                    ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv;charset=UTF-8"))
            .body(out -> facilities.writeTemplate(kind, format, out));
    }

    @PostMapping("/import")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String importFile(@RequestPart("file") MultipartFile file, @RequestParam(required = false) Long gridId,
            @RequestParam(required = false) String kind, RedirectAttributes redirect) throws IOException {
        try {
            FacilityImportResult result = facilities.importFile(file.getOriginalFilename(), file.getBytes(), null,
                    gridId, blank(kind));
            // flash attributes live in the (JDBC) session: plain serializable values, not the result record
            redirect.addFlashAttribute("importedRows", result.rows());
            redirect.addFlashAttribute("importedCreated", result.created());
            redirect.addFlashAttribute("importedUpdated", result.updated());
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            redirect.addFlashAttribute("rowErrors", new java.util.ArrayList<>(ex.violations().stream()
                .map(FieldViolation::message).limit(200).toList()));
        }
        redirect.addAttribute("gridId", gridId);
        return "redirect:/participation/life-circle";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
