package org.gridgov.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.grid.GridExportService;
import org.gridgov.grid.GridImportService;
import org.gridgov.grid.GridStaffImportService;
import org.gridgov.grid.ImportJobView;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.table.TableFormat;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Hierarchy imports from the console: an upload form with the recent jobs, and a page per job whose progress panel
 * polls itself (htmx) until the job has SUCCEEDED or FAILED. The upload goes through this controller, not the REST
 * API, so the console's session and CSRF protection apply.
 */
@Controller
@ManagersOnly
@RequestMapping("/grids/import")
class GridImportConsoleController {

    static final int JOBS_PAGE_SIZE = 20;

    /** The formats the form offers; empty means "from the file name". */
    static final List<String> FORMATS = List.of("GEOJSON", "CSV", "XLSX");

    private final GridImportService imports;
    private final GridExportService exports;
    private final GridStaffImportService staffImports;
    private final MessageSource messages;

    GridImportConsoleController(GridImportService imports, GridExportService exports,
            GridStaffImportService staffImports, MessageSource messages) {
        this.imports = imports;
        this.exports = exports;
        this.staffImports = staffImports;
        this.messages = messages;
    }

    @GetMapping
    String form(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAllAttributes(formModel(page));
        return "grids/import";
    }

    @PostMapping
    ModelAndView submit(@RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String format, Principal principal, Locale locale) {
        try {
            if (file == null || file.isEmpty()) {
                throw DomainException.invalidField("grid.import.empty", "file", "The file is empty");
            }
            ImportJobView job = imports.submit(format, file.getOriginalFilename(), file.getBytes(), principal.getName());
            return new ModelAndView("redirect:/grids/import/" + job.id());
        }
        catch (DomainException ex) {
            if (ex.kind() == DomainException.Kind.FORBIDDEN) {
                throw ex;
            }
            ModelAndView page = new ModelAndView("grids/import", HttpStatus.BAD_REQUEST);
            page.addAllObjects(formModel(0));
            page.addObject("rejection", messages.getMessage("import.rejected." + ex.code(), null, ex.getMessage(),
                    locale));
            page.addObject("selectedFormat", format);
            return page;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The grid import template, downloaded through the console's session. */
    @GetMapping("/template")
    ResponseEntity<StreamingResponseBody> template(@RequestParam(defaultValue = "csv") String format) {
        TableFormat table = TableFormat.of(format, "grid.template.format");
        return download("grid-template." + table.extension(), table, out -> exports.writeTemplate(table, out));
    }

    /** The staff import template (for POST /api/v1/staff-imports). */
    @GetMapping("/staff-template")
    ResponseEntity<StreamingResponseBody> staffTemplate(@RequestParam(defaultValue = "csv") String format) {
        TableFormat table = TableFormat.of(format, "grid.staff-template.format");
        return download("staff-template." + table.extension(), table, out -> staffImports.writeTemplate(table, out));
    }

    private static ResponseEntity<StreamingResponseBody> download(String fileName, TableFormat format,
            StreamingResponseBody body) {
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
            .contentType(MediaType.parseMediaType(format.mediaType())).body(body);
    }

    @GetMapping("/{id}")
    String job(@PathVariable long id, Model model) {
        model.addAttribute("job", new JobModel(imports.get(id)));
        return "grids/import-job";
    }

    /** The progress panel alone: what the job page polls every second while the job runs. */
    @GetMapping("/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("job", new JobModel(imports.get(id)));
        return "grids/import-job :: progress";
    }

    @ExceptionHandler(DomainException.class)
    ModelAndView rejected(DomainException ex) {
        return errorPage(switch (ex.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        });
    }

    /** A page, not the API's problem JSON the shared advice would answer with. */
    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView denied() {
        return errorPage(HttpStatus.FORBIDDEN);
    }

    private static ModelAndView errorPage(HttpStatus status) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("reason", status.getReasonPhrase());
        return page;
    }

    private Map<String, Object> formModel(int page) {
        PageResult<ImportJobView> jobs = imports.list(Math.max(page, 0), JOBS_PAGE_SIZE);
        return Map.of("jobs", jobs, "formats", FORMATS);
    }

    static final List<String> PHASES = List.of("READING", "VALIDATING", "WRITING");

    /** One phase of a job as the job page's steps show it. */
    public record PhaseStep(String phase, String state) {
    }

    /** An import job as its page shows it. */
    public record JobModel(ImportJobView view) {

        public boolean finished() {
            return "SUCCEEDED".equals(view.status()) || "FAILED".equals(view.status());
        }

        public boolean succeeded() {
            return "SUCCEEDED".equals(view.status());
        }

        public boolean failed() {
            return "FAILED".equals(view.status());
        }

        /** READING, VALIDATING, WRITING, each {@code done}, {@code current}, {@code failed} or {@code todo}. */
        public List<PhaseStep> phases() {
            int current = view.phase() == null ? -1 : PHASES.indexOf(view.phase());
            return PHASES.stream().map(phase -> {
                int index = PHASES.indexOf(phase);
                String state;
                if (succeeded() || index < current) {
                    state = "done";
                }
                else if (index == current) {
                    state = failed() ? "failed" : finished() ? "done" : "current";
                }
                else {
                    state = "todo";
                }
                return new PhaseStep(phase, state);
            }).toList();
        }

        /** Share of the current phase done, 0–100; a finished successful job is full. */
        public int percent() {
            if (succeeded()) {
                return 100;
            }
            if (view.total() <= 0) {
                return 0;
            }
            return (int) Math.min(100, Math.round(100.0 * view.done() / view.total()));
        }
    }
}
