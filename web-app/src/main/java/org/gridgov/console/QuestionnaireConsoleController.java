package org.gridgov.console;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.participation.QuestionnaireService;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.security.Role;
import org.gridgov.shared.table.TableFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Questionnaires for grid staff: those of their scope, 20 a page, and the results of one as bars (the share of the
 * answers that chose each option or scale value), with the export.
 */
@Controller
@RequestMapping("/participation/questionnaires")
@PreAuthorize(Role.Expressions.GRID_STAFF)
class QuestionnaireConsoleController {

    static final int PAGE_SIZE = 20;

    private final QuestionnaireService questionnaires;

    QuestionnaireConsoleController(QuestionnaireService questionnaires) {
        this.questionnaires = questionnaires;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult<?> result = questionnaires.list(Math.max(0, page), PAGE_SIZE);
        model.addAttribute("questionnaires", result);
        pager(model, result, "/participation/questionnaires?page=");
        return "participation/questionnaires";
    }

    @GetMapping("/{id}")
    String results(@PathVariable long id, Model model) {
        model.addAttribute("questionnaire", questionnaires.get(id));
        model.addAttribute("results", questionnaires.results(id));
        return "participation/questionnaire";
    }

    /** The results as CSV (UTF-8 with BOM) or .xlsx, through the platform's one table writer. */
    @GetMapping("/{id}/export")
    ResponseEntity<StreamingResponseBody> export(@PathVariable long id, @RequestParam(defaultValue = "csv") String format,
            HttpServletRequest request) {
        TableFormat table = TableFormat.of(format, "participation.export.format");
        String name = questionnaires.exportName(id);
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"" + name + "." + table.extension() + "\"")
            .contentType(MediaType.parseMediaType(table.mediaType()))
            .body(out -> questionnaires.export(id, table, out));
    }

    /** The previous and next pages' links, null at either end. */
    static void pager(Model model, PageResult<?> result, String link) {
        int current = result.page();
        model.addAttribute("previousPage", current > 0 ? link + (current - 1) : null);
        model.addAttribute("nextPage", current + 1 < result.totalPages() ? link + (current + 1) : null);
    }
}
