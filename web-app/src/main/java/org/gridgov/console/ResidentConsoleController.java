package org.gridgov.console;

import org.gridgov.shared.security.Role;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;

import org.gridgov.resident.CareLevel;
import org.gridgov.resident.HousingService;
import org.gridgov.resident.InspectionService;
import org.gridgov.resident.RecordVisitCommand;
import org.gridgov.resident.ResidentImportJobView;
import org.gridgov.resident.ResidentImportService;
import org.gridgov.resident.ResidentSearch;
import org.gridgov.resident.ResidentService;
import org.gridgov.resident.ResidentView;
import org.gridgov.resident.RevealedValue;
import org.gridgov.resident.VisitService;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Residents in the console: search by name, phone or ID number; a resident's card with masked data, the audited
 * reveal, care level and visits; the compound → building → dwelling browser; the special-groups board; the visit
 * work list; inspection campaigns; imports with live progress. Everything goes through the module's services, so
 * the viewer's data scope applies as in the API.
 */
@Controller
@RequestMapping("/residents")
@PreAuthorize(Role.Expressions.GRID_STAFF)
class ResidentConsoleController {

    private static final int CARE_COLUMN_SIZE = 50;

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private static final MediaType XLSX = MediaType
        .parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ResidentService residents;
    private final HousingService housing;
    private final VisitService visits;
    private final InspectionService inspections;
    private final ResidentImportService imports;
    private final MessageSource messages;

    ResidentConsoleController(ResidentService residents, HousingService housing, VisitService visits,
            InspectionService inspections, ResidentImportService imports, MessageSource messages) {
        this.residents = residents;
        this.housing = housing;
        this.visits = visits;
        this.inspections = inspections;
        this.imports = imports;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- search and card

    @GetMapping
    String search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "name") String by,
            @RequestParam(required = false) CareLevel careLevel, @RequestParam(defaultValue = "false") boolean special,
            @RequestParam(defaultValue = "0") int page, Model model) {
        String query = q == null ? null : q.strip();
        boolean any = (query != null && !query.isEmpty()) || careLevel != null || special;
        ResidentSearch search = new ResidentSearch(by.equals("name") ? query : null,
                by.equals("idNumber") ? query : null, by.equals("phone") ? query : null, null, null, careLevel,
                special);
        model.addAttribute("q", query);
        model.addAttribute("by", by);
        model.addAttribute("careLevel", careLevel);
        model.addAttribute("special", special);
        model.addAttribute("results", any ? residents.search(search, Math.max(0, page), 50) : null);
        return "residents/search";
    }

    @GetMapping("/{id}")
    String card(@PathVariable long id, Model model) {
        cardModel(id, model, null);
        return "residents/card";
    }

    private void cardModel(long id, Model model, RevealedValue revealed) {
        model.addAttribute("resident", residents.get(id));
        model.addAttribute("visits", visits.visits(id));
        model.addAttribute("revealed", revealed);
        model.addAttribute("careLevels", CareLevel.values());
    }

    @PostMapping("/{id}/reveal")
    String reveal(@PathVariable long id, @RequestParam String field, @RequestParam(required = false) String reason,
            Model model, Locale locale) {
        try {
            cardModel(id, model, residents.reveal(id, field, reason));
        }
        catch (DomainException ex) {
            if (ex.kind() == DomainException.Kind.NOT_FOUND) {
                throw ex;
            }
            cardModel(id, model, null);
            model.addAttribute("rejection", messages.getMessage("resident.rejected." + ex.code(), null,
                    ex.getMessage(), locale));
        }
        return "residents/card";
    }

    @PostMapping("/{id}/visits")
    String visit(@PathVariable long id, @RequestParam(required = false) String place,
            @RequestParam(required = false) String notes, @RequestParam(required = false) String finding,
            @RequestParam(defaultValue = "false") boolean openIncident, Model model, Locale locale) {
        try {
            visits.record(id, new RecordVisitCommand(null, null, null, place, notes, finding == null
                    || finding.isBlank() ? List.of() : List.of(new RecordVisitCommand.Finding(finding, openIncident,
                            null))));
            return "redirect:/residents/" + id + "#visits";
        }
        catch (DomainException ex) {
            if (ex.kind() == DomainException.Kind.NOT_FOUND) {
                throw ex;
            }
            cardModel(id, model, null);
            model.addAttribute("rejection", ex.getMessage());
            return "residents/card";
        }
    }

    @PostMapping("/{id}/care-level")
    String careLevel(@PathVariable long id, @RequestParam(required = false) CareLevel level,
            @RequestParam(required = false) String reason, Model model) {
        try {
            residents.setCareLevel(id, level, reason);
            return "redirect:/residents/" + id;
        }
        catch (DomainException ex) {
            if (ex.kind() == DomainException.Kind.NOT_FOUND) {
                throw ex;
            }
            cardModel(id, model, null);
            model.addAttribute("rejection", ex.getMessage());
            return "residents/card";
        }
    }

    // ---------------------------------------------------------------- housing

    @GetMapping("/housing")
    String compounds(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("compounds", housing.compounds(nodeId, name, Math.max(0, page), 50));
        model.addAttribute("name", name);
        model.addAttribute("nodeId", nodeId);
        return "residents/compounds";
    }

    @GetMapping("/housing/{compoundId}")
    String compound(@PathVariable long compoundId, @RequestParam(required = false) Long buildingId, Model model) {
        var compound = housing.compound(compoundId);
        model.addAttribute("compound", compound);
        Long building = buildingId != null ? buildingId
                : compound.buildings().isEmpty() ? null : compound.buildings().get(0).id();
        model.addAttribute("buildingId", building);
        model.addAttribute("dwellings", building == null ? null : housing.dwellings(null, building, null, 0, 200));
        return "residents/compound";
    }

    @GetMapping("/dwellings/{id}")
    String dwelling(@PathVariable long id, Model model) {
        model.addAttribute("dwelling", housing.dwelling(id));
        model.addAttribute("household", residents.household(id));
        return "residents/dwelling";
    }

    @PostMapping("/dwellings/{id}/verify")
    String verify(@PathVariable long id, @RequestParam(required = false) String note) {
        housing.verify(id, note);
        return "redirect:/residents/dwellings/" + id;
    }

    // ---------------------------------------------------------------- care, inspections

    /** The three-colour board: each column its own pages ({@code redPage}, …), so no one under care is cut off. */
    @GetMapping("/care")
    String board(@RequestParam(defaultValue = "0") int redPage, @RequestParam(defaultValue = "0") int yellowPage,
            @RequestParam(defaultValue = "0") int greenPage, Model model) {
        model.addAttribute("red", careColumn(CareLevel.RED, redPage));
        model.addAttribute("yellow", careColumn(CareLevel.YELLOW, yellowPage));
        model.addAttribute("green", careColumn(CareLevel.GREEN, greenPage));
        return "residents/care";
    }

    private PageResult<ResidentView> careColumn(CareLevel level, int page) {
        return residents.search(new ResidentSearch(null, null, null, null, null, level, false), Math.max(0, page),
                CARE_COLUMN_SIZE);
    }

    @GetMapping("/worklist")
    String worklist(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("overdue", visits.overdue(null, Math.max(0, page), 100));
        model.addAttribute("byGrid", visits.overdueByGrid(null));
        return "residents/worklist";
    }

    @GetMapping("/campaigns")
    String campaigns(Model model) {
        model.addAttribute("campaigns", inspections.campaigns());
        return "residents/campaigns";
    }

    // ---------------------------------------------------------------- import

    @GetMapping("/import")
    String importForm(Model model) {
        model.addAttribute("jobs", imports.list(0, 20));
        return "residents/import";
    }

    @PostMapping("/import")
    @PreAuthorize(Role.Expressions.MANAGERS)
    ModelAndView submit(@RequestParam(required = false) MultipartFile file, Principal principal, Locale locale)
            throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw DomainException.invalidField("resident.import.empty", "file", "The file is empty");
            }
            ResidentImportJobView job = imports.submit(file.getOriginalFilename(), file.getSize(),
                    file.getInputStream(), principal.getName());
            return new ModelAndView("redirect:/residents/import/" + job.id());
        }
        catch (DomainException ex) {
            if (ex.kind() == DomainException.Kind.FORBIDDEN) {
                throw ex;
            }
            ModelAndView page = new ModelAndView("residents/import", HttpStatus.BAD_REQUEST);
            page.addObject("jobs", imports.list(0, 20));
            page.addObject("rejection", ex.getMessage());
            return page;
        }
    }

    @GetMapping("/import/{id}")
    String job(@PathVariable long id, Model model) {
        model.addAttribute("job", imports.get(id));
        return "residents/import-job";
    }

    /** The import template with Chinese headings, downloaded through the console's session (下载模板). */
    @GetMapping("/import/template")
    ResponseEntity<StreamingResponseBody> template(@RequestParam(defaultValue = "csv") String format) {
        boolean xlsx = "xlsx".equalsIgnoreCase(format);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"resident-template." + (xlsx ? "xlsx" : "csv") + "\"")
            .contentType(xlsx ? XLSX : CSV)
            .body(out -> imports.writeTemplate(xlsx ? "xlsx" : "csv", true, out));
    }

    /** A failed import's error report as CSV, through the console's session (下载错误报告). */
    @GetMapping("/import/{id}/errors.csv")
    ResponseEntity<StreamingResponseBody> errorReport(@PathVariable long id) {
        imports.get(id);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"resident-import-" + id + "-errors.csv\"")
            .contentType(CSV)
            .body(out -> imports.writeErrors(id, out));
    }

    @GetMapping("/import/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("job", imports.get(id));
        return "residents/import-job :: progress";
    }

    @ExceptionHandler(DomainException.class)
    ModelAndView rejected(DomainException ex) {
        return errorPage(switch (ex.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        });
    }

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
}
