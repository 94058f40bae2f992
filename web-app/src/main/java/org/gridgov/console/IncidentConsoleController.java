package org.gridgov.console;

import org.gridgov.shared.security.Role;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.DepartmentService;
import org.gridgov.grid.DepartmentView;
import org.gridgov.grid.GridType;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.incident.IncidentLifecycle;
import org.gridgov.incident.IncidentIntake;
import org.gridgov.incident.IncidentQueries;
import org.gridgov.incident.IncidentSource;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.IncidentView;
import org.gridgov.incident.IncidentWhistle;
import org.gridgov.incident.IncidentWorkflow;
import org.gridgov.incident.Move;
import org.gridgov.incident.ReportIncidentCommand;
import org.gridgov.incident.ReportResult;
import org.gridgov.incident.SummonsView;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The incident pages of the console: the list (with "my queue"), a report form, and an incident's page with its
 * timeline and a form for each move the viewer may make now. Every rule — scope, role, being the reporter or a
 * summoned department, the optimistic lock — is the incident service's; a refusal comes back as a flash error.
 */
@Controller
@RequestMapping("/incidents")
@PreAuthorize(Role.Expressions.INCIDENT_CONSOLE_USERS)
class IncidentConsoleController {

    static final int PAGE_SIZE = 20;

    /** The moves that have a form on the incident page (CLOSE is the scheduler's, not a person's). */
    static final Set<Move> FORM_MOVES = EnumSet.complementOf(EnumSet.of(Move.CLOSE));

    /** A category offered on the report form and the list filter. */
    record Category(String code, String name) {
    }

    /** A summoned department as the incident page shows it. */
    record Summoned(String name, SummonsView summons) {
    }

    /** An open report nearby that may be the same problem, carried across the redirect after reporting. */
    record Duplicate(long id, String trackingCode, IncidentState state, long distanceMetres) implements Serializable {
    }

    /** What the report form holds, kept across a refused submit so nothing typed is lost. */
    record ReportForm(String category, IncidentSource source, String description, Double lat, Double lng,
            CoordSystem coordSystem, String gridCode, boolean anonymous, String idempotencyKey) implements Serializable {
    }

    private final IncidentIntake intake;
    private final IncidentQueries queries;
    private final IncidentWorkflow workflow;
    private final IncidentWhistle whistle;
    private final DepartmentService departments;
    private final JdbcTemplate jdbc;

    IncidentConsoleController(IncidentIntake intake, IncidentQueries queries, IncidentWorkflow workflow,
            IncidentWhistle whistle, DepartmentService departments, JdbcTemplate jdbc) {
        this.intake = intake;
        this.queries = queries;
        this.workflow = workflow;
        this.whistle = whistle;
        this.departments = departments;
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- list

    @GetMapping
    String list(@RequestParam(required = false) IncidentState state, @RequestParam(required = false) String category,
            @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) IncidentSource source,
            @RequestParam(defaultValue = "false") boolean queue, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "false") boolean awaitingAcceptance, Model model) {
        String categoryCode = category == null || category.isBlank() ? null : category.trim();
        // 待受理 of the home page: every state waiting for acceptance (submitted, escalated, reopened) at once
        PageResult<IncidentView> result = awaitingAcceptance
                ? queries.list(IncidentState.AWAITING_ACCEPTANCE, Boolean.TRUE.equals(overdue) ? true : null, queue,
                        Math.max(0, page), PAGE_SIZE)
                : queries.list(state, categoryCode, Boolean.TRUE.equals(overdue) ? true : null, source, queue,
                        Math.max(0, page), PAGE_SIZE);
        model.addAttribute("awaitingAcceptance", awaitingAcceptance);
        model.addAttribute("incidents", result);
        model.addAttribute("state", state);
        model.addAttribute("category", categoryCode);
        model.addAttribute("overdue", Boolean.TRUE.equals(overdue));
        model.addAttribute("source", source);
        model.addAttribute("queue", queue);
        model.addAttribute("states", IncidentState.values());
        model.addAttribute("sources", IncidentSource.values());
        model.addAttribute("categories", categories());
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/incidents");
        if (state != null) {
            link.queryParam("state", state.name());
        }
        if (categoryCode != null) {
            link.queryParam("category", categoryCode);
        }
        if (Boolean.TRUE.equals(overdue)) {
            link.queryParam("overdue", true);
        }
        if (source != null) {
            link.queryParam("source", source.name());
        }
        if (queue) {
            link.queryParam("queue", true);
        }
        if (awaitingAcceptance) {
            link.queryParam("awaitingAcceptance", true);
        }
        int current = result.page();
        model.addAttribute("previousPage", current > 0
                ? link.cloneBuilder().queryParam("page", current - 1).encode().toUriString() : null);
        model.addAttribute("nextPage", current + 1 < result.totalPages()
                ? link.cloneBuilder().queryParam("page", current + 1).encode().toUriString() : null);
        return "incidents/list";
    }

    // ---------------------------------------------------------------- report

    @GetMapping("/new")
    String reportForm(@AuthenticationPrincipal ScopedPrincipal me, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ReportForm(null, IncidentSource.RESIDENT_REPORT, null, null, null,
                    CoordSystem.WGS84, null, false, UUID.randomUUID().toString()));
        }
        model.addAttribute("categories", categories());
        model.addAttribute("coordSystems", CoordSystem.values());
        model.addAttribute("sources", staff(me) ? List.of(IncidentSource.RESIDENT_REPORT, IncidentSource.GRID_PATROL)
                : List.of(IncidentSource.RESIDENT_REPORT));
        return "incidents/new";
    }

    @PostMapping
    String report(@RequestParam String category, @RequestParam(required = false) IncidentSource source,
            @RequestParam String description, @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lng, @RequestParam(required = false) CoordSystem coordSystem,
            @RequestParam(required = false) String gridCode, @RequestParam(defaultValue = "false") boolean anonymous,
            @RequestParam String idempotencyKey, RedirectAttributes redirect) {
        IncidentSource from = source == null ? IncidentSource.RESIDENT_REPORT : source;
        String grid = gridCode == null || gridCode.isBlank() ? null : gridCode.trim();
        String key = idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey.trim();
        try {
            if (description.isBlank()) {
                throw DomainException.invalidField("incident.description-required", "description",
                        "Describe the problem");
            }
            ReportResult result = intake.report(new ReportIncidentCommand(category, from, description, lat, lng,
                    coordSystem, grid, anonymous, null), key);
            redirect.addFlashAttribute("message", "incident.reported");
            redirect.addFlashAttribute("duplicates", result.possibleDuplicates().stream()
                .map(d -> new Duplicate(d.id(), d.trackingCode(), d.state(), Math.round(d.distanceMetres())))
                .toList());
            return "redirect:/incidents/" + result.incident().id();
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            redirect.addFlashAttribute("form", new ReportForm(category, from, description, lat, lng, coordSystem, grid,
                    anonymous, key));
            return "redirect:/incidents/new";
        }
    }

    // ---------------------------------------------------------------- one incident

    @GetMapping("/{id}")
    String detail(@PathVariable long id, @AuthenticationPrincipal ScopedPrincipal me, Model model) {
        IncidentView incident = queries.get(id);
        boolean reporter = me.name().equals(incident.reporter());
        List<Move> moves = incident.allowedMoves().stream().filter(FORM_MOVES::contains)
            .filter(move -> move != Move.RATE || reporter)
            .filter(move -> move != Move.WHISTLE || incident.holder() != null
                    && incident.holder().type() == GridType.STREET)
            .toList();
        SummonsView mine = incident.summons().stream()
            .filter(s -> me.departmentId() != null && s.departmentId() == me.departmentId()).findFirst().orElse(null);
        List<Summoned> summoned = new ArrayList<>();
        for (SummonsView s : incident.summons()) {
            summoned.add(new Summoned(departmentName(s.departmentId()), s));
        }
        model.addAttribute("incident", incident);
        model.addAttribute("timeline", queries.timeline(id));
        model.addAttribute("summoned", summoned);
        model.addAttribute("moves", moves);
        model.addAttribute("can", moves.stream().map(Move::name).collect(Collectors.toSet()));
        model.addAttribute("mySummons", mine);
        model.addAttribute("summonable", moves.contains(Move.WHISTLE) ? summonable(incident.holder().id()) : List.of());
        return "incidents/detail";
    }

    @PostMapping("/{id}/accept")
    String accept(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.accept", () -> workflow.accept(id, version, blankToNull(note)));
    }

    @PostMapping("/{id}/start")
    String start(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.start", () -> workflow.start(id, version, blankToNull(note)));
    }

    @PostMapping("/{id}/progress")
    String progress(@PathVariable long id, @RequestParam long version, @RequestParam String note,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.note", () -> workflow.note(id, version, blankToNull(note)));
    }

    @PostMapping("/{id}/escalate")
    String escalate(@PathVariable long id, @RequestParam long version, @RequestParam String reason,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.escalate",
                () -> workflow.escalate(id, version, required(reason, "reason")));
    }

    @PostMapping("/{id}/resolve")
    String resolve(@PathVariable long id, @RequestParam long version, @RequestParam String note,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.resolve", () -> workflow.resolve(id, version, required(note, "note")));
    }

    @PostMapping("/{id}/ask-reporter")
    String askReporter(@PathVariable long id, @RequestParam long version, @RequestParam String question,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.ask-reporter",
                () -> workflow.askReporter(id, version, required(question, "question")));
    }

    @PostMapping("/{id}/reply")
    String reply(@PathVariable long id, @RequestParam String text, RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.reply", () -> workflow.reply(id, required(text, "text")));
    }

    @PostMapping("/{id}/resume")
    String resume(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.resume", () -> workflow.resume(id, version, blankToNull(note)));
    }

    @PostMapping("/{id}/reject")
    String reject(@PathVariable long id, @RequestParam long version, @RequestParam String reason,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.reject", () -> workflow.reject(id, version, required(reason, "reason")));
    }

    @PostMapping("/{id}/whistle")
    String whistle(@PathVariable long id, @RequestParam long version,
            @RequestParam(required = false) List<Long> departmentIds, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.whistle",
                () -> whistle.whistle(id, version, departmentIds == null ? List.of() : departmentIds,
                        blankToNull(note)));
    }

    @PostMapping("/{id}/check-in")
    String checkIn(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.check-in", () -> whistle.checkIn(id, blankToNull(note)));
    }

    @PostMapping("/{id}/department-report")
    String departmentReport(@PathVariable long id, @RequestParam String report, RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.report",
                () -> whistle.reportAction(id, required(report, "report")));
    }

    @PostMapping("/{id}/merge")
    String merge(@PathVariable long id, @RequestParam long version, @RequestParam String into,
            RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.merge",
                () -> workflow.merge(id, version, queries.byTrackingCode(required(into, "into")).id()));
    }

    @PostMapping("/{id}/rating")
    String rate(@PathVariable long id, @RequestParam(required = false) Integer stars,
            @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        return act(id, redirect, "incident.done.rate",
                () -> workflow.rate(id, stars == null ? 0 : stars, blankToNull(comment)));
    }

    /** A missing or out-of-scope incident is a 404 page, like any other console page. */
    @ExceptionHandler(DomainException.class)
    ModelAndView rejected(DomainException ex) {
        HttpStatus status = switch (ex.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("reason", status.getReasonPhrase());
        return page;
    }

    // ---------------------------------------------------------------- helpers

    private static String act(long id, RedirectAttributes redirect, String successMessage,
            Supplier<IncidentView> action) {
        try {
            action.get();
            redirect.addFlashAttribute("message", successMessage);
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/incidents/" + id;
    }

    private static boolean staff(ScopedPrincipal me) {
        return me != null && IncidentLifecycle.STAFF.contains(me.role());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String required(String text, String field) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalidField("incident.console." + field + "-required", field, "Fill in the " + field);
        }
        return text.strip();
    }

    private List<Category> categories() {
        return jdbc.query("select code, name from incident_category where active order by code",
                (rs, row) -> new Category(rs.getString(1), rs.getString(2)));
    }

    private String departmentName(long departmentId) {
        List<String> names = jdbc.queryForList("select name from department where id = ?", String.class,
                departmentId);
        return names.isEmpty() ? "#" + departmentId : names.get(0);
    }

    private List<DepartmentView> summonable(long holderGridId) {
        try {
            return departments.summonable(holderGridId);
        }
        catch (DomainException ex) {
            return List.of();
        }
    }
}
