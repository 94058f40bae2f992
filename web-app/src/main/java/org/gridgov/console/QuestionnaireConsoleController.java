package org.gridgov.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.participation.CreateQuestionnaireCommand;
import org.gridgov.participation.QuestionSpec;
import org.gridgov.participation.QuestionnaireResults;
import org.gridgov.participation.QuestionnaireService;
import org.gridgov.participation.QuestionnaireView;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.security.Role;
import org.gridgov.shared.table.TableFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Questionnaires for grid staff: those of their scope, 20 a page; a new one (managers) with up to
 * {@value #QUESTION_SLOTS} questions of the four kinds on one form (no script needed: a slot left without a prompt is
 * no question); and the results of one as ECharts charts (static/js/questionnaire-results.js, fed by data attributes
 * under the CSP) beside the same counts as a table, with the CSV/.xlsx export.
 */
@Controller
@RequestMapping("/participation/questionnaires")
@PreAuthorize(Role.Expressions.GRID_STAFF)
class QuestionnaireConsoleController {

    static final int PAGE_SIZE = 20;
    static final int QUESTION_SLOTS = 8;
    static final List<String> KINDS = List.of("SINGLE", "MULTIPLE", "SCALE", "TEXT");
    static final List<String> AUDIENCES = List.of("SUBTREE", "RESIDENTS", "PUBLIC");

    private final QuestionnaireService questionnaires;
    private final JsonMapper json;

    QuestionnaireConsoleController(QuestionnaireService questionnaires, JsonMapper json) {
        this.questionnaires = questionnaires;
        this.json = json;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult<?> result = questionnaires.list(Math.max(0, page), PAGE_SIZE);
        model.addAttribute("questionnaires", result);
        return "participation/questionnaires";
    }

    @GetMapping("/new")
    @PreAuthorize(Role.Expressions.MANAGERS)
    String form(@AuthenticationPrincipal ScopedPrincipal me, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(ConsoleTimes.ZONE);
        form.put("gridId", me.scopeNodeId() == null ? "" : String.valueOf(me.scopeNodeId()));
        form.put("audience", "SUBTREE");
        form.put("opensOn", today.toString());
        form.put("closesOn", today.plusDays(14).toString());
        for (int i = 0; i < QUESTION_SLOTS; i++) {
            form.put("q" + i + ".kind", "SINGLE");
            form.put("q" + i + ".scaleMin", "1");
            form.put("q" + i + ".scaleMax", "5");
            form.put("q" + i + ".required", "true");
        }
        return showForm(model, form, null);
    }

    /**
     * Creates the questionnaire from the form: slot {@code i} gives {@code q<i>.kind}, {@code q<i>.prompt},
     * {@code q<i>.options} (one per line), {@code q<i>.scaleMin}/{@code q<i>.scaleMax} and {@code q<i>.required}.
     * A refusal shows the form again with what was typed and the service's message naming the field.
     */
    @PostMapping
    @PreAuthorize(Role.Expressions.MANAGERS)
    String create(@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> form = new LinkedHashMap<>();
        params.forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(v.size() - 1)));
        if (!params.containsKey("named")) {
            form.remove("named");
        }
        try {
            List<QuestionSpec> questions = new ArrayList<>();
            for (int i = 0; i < QUESTION_SLOTS; i++) {
                String prompt = blank(form.get("q" + i + ".prompt"));
                if (prompt == null) {
                    continue;
                }
                String kind = form.getOrDefault("q" + i + ".kind", "SINGLE");
                List<String> options = "SINGLE".equals(kind) || "MULTIPLE".equals(kind)
                        ? Arrays.stream(form.getOrDefault("q" + i + ".options", "").split("\\R"))
                            .map(String::trim).filter(o -> !o.isEmpty()).toList()
                        : null;
                boolean scale = "SCALE".equals(kind);
                questions.add(new QuestionSpec(kind, prompt, params.containsKey("q" + i + ".required"), options,
                        scale ? number(form.get("q" + i + ".scaleMin"), "questions[" + i + "].scaleMin") : null,
                        scale ? number(form.get("q" + i + ".scaleMax"), "questions[" + i + "].scaleMax") : null));
            }
            QuestionnaireView created = questionnaires.create(new CreateQuestionnaireCommand(
                    longOrNull(form.get("gridId")), form.get("title"), blank(form.get("description")),
                    form.get("audience"), params.containsKey("named"), day(form.get("opensOn"), "opensOn"),
                    day(form.get("closesOn"), "closesOn"), questions));
            redirect.addFlashAttribute("message", "participation.questionnaire.created");
            return "redirect:/participation/questionnaires/" + created.id();
        }
        catch (DomainException ex) {
            return showForm(model, form, ex.getMessage());
        }
    }

    private String showForm(Model model, Map<String, String> form, String error) {
        model.addAttribute("form", form);
        model.addAttribute("slots", java.util.stream.IntStream.range(0, QUESTION_SLOTS).boxed().toList());
        model.addAttribute("kinds", KINDS);
        model.addAttribute("audiences", AUDIENCES);
        model.addAttribute("error", error);
        return "participation/questionnaire-form";
    }

    @GetMapping("/{id}")
    String results(@PathVariable long id, Model model) {
        QuestionnaireView questionnaire = questionnaires.get(id);
        QuestionnaireResults results = questionnaires.results(id);
        model.addAttribute("questionnaire", questionnaire);
        model.addAttribute("results", results);
        Map<Long, String> charts = new LinkedHashMap<>();
        for (QuestionnaireResults.QuestionResult q : results.questions()) {
            if (!q.options().isEmpty()) {
                charts.put(q.questionId(), json.writeValueAsString(Map.of("type", q.kind().equals("SINGLE") ? "pie"
                        : "bar", "labels", q.options().stream().map(QuestionnaireResults.OptionCount::label).toList(),
                        "counts", q.options().stream().map(QuestionnaireResults.OptionCount::count).toList())));
            }
            else if (q.scale() != null) {
                charts.put(q.questionId(), json.writeValueAsString(Map.of("type", "bar", "labels",
                        q.scale().distribution().stream().map(v -> String.valueOf(v.value())).toList(), "counts",
                        q.scale().distribution().stream().map(QuestionnaireResults.ValueCount::count).toList())));
            }
        }
        model.addAttribute("charts", charts);
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

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Long longOrNull(String value) {
        String v = blank(value);
        if (v == null) {
            return null;
        }
        try {
            return Long.valueOf(v);
        }
        catch (NumberFormatException ex) {
            throw DomainException.invalidField("field.number", "gridId", "A grid id is a number");
        }
    }

    private static Integer number(String value, String field) {
        String v = blank(value);
        try {
            return v == null ? null : Integer.valueOf(v);
        }
        catch (NumberFormatException ex) {
            throw DomainException.invalidField("field.number", field, "A whole number");
        }
    }

    private static LocalDate day(String value, String field) {
        String v = blank(value);
        try {
            return v == null ? null : LocalDate.parse(v);
        }
        catch (DateTimeParseException ex) {
            throw DomainException.invalidField("field.date", field, "A day as yyyy-MM-dd");
        }
    }
}
