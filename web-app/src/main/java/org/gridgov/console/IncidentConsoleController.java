package org.gridgov.console;

import org.gridgov.shared.security.Role;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.incident.IncidentContact;
import org.gridgov.incident.IncidentContacts;
import org.gridgov.incident.IncidentLifecycle;
import org.gridgov.incident.IncidentIntake;
import org.gridgov.incident.IncidentQueries;
import org.gridgov.incident.IncidentSource;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.IncidentSupervision;
import org.gridgov.incident.IncidentView;
import org.gridgov.incident.IncidentWhistle;
import org.gridgov.incident.IncidentWorkflow;
import org.gridgov.incident.Move;
import org.gridgov.incident.ReportIncidentCommand;
import org.gridgov.incident.ReportResult;
import org.gridgov.incident.SummonsView;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.SqlPredicate;
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

    /**
     * What the report form holds, kept across a refused submit so nothing typed is lost (the caller's name and phone
     * too: a flash attribute lives in the session for one redirect, never in the database).
     */
    record ReportForm(String category, IncidentSource source, String description, Double lat, Double lng,
            CoordSystem coordSystem, String gridCode, boolean anonymous, String idempotencyKey, String callerName,
            String callerPhone) implements Serializable {
    }

    /** Who got a new report: the worker it is assigned to (told at once) and the grid that holds it. */
    record Routed(String assignee, String holder) implements Serializable {
    }

    /** A grid a manager may hand an incident to (改派), with its path of names so two "第一网格"s differ. */
    record GridChoice(long id, String label) {
    }

    /** The sources staff choose from on the report form: a phoned-in report is 电话 or 热线. */
    static final List<IncidentSource> STAFF_SOURCES = List.of(IncidentSource.RESIDENT_REPORT, IncidentSource.PHONE,
            IncidentSource.HOTLINE, IncidentSource.GRID_PATROL);

    /** The moves a manager makes from the list, one row or the selected rows at a time. */
    static final Set<Move> ROW_MOVES = EnumSet.of(Move.SUPERVISE, Move.URGE, Move.REASSIGN);

    private final IncidentIntake intake;
    private final IncidentQueries queries;
    private final IncidentWorkflow workflow;
    private final IncidentWhistle whistle;
    private final DepartmentService departments;
    private final JdbcTemplate jdbc;
    private final IncidentSupervision supervision;
    private final IncidentContacts contacts;
    private final GridDirectory grids;
    private final DataScopeProvider scopes;

    IncidentConsoleController(IncidentIntake intake, IncidentQueries queries, IncidentWorkflow workflow,
            IncidentWhistle whistle, DepartmentService departments, JdbcTemplate jdbc, IncidentSupervision supervision,
            IncidentContacts contacts, GridDirectory grids, DataScopeProvider scopes) {
        this.supervision = supervision;
        this.contacts = contacts;
        this.grids = grids;
        this.scopes = scopes;
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
            @RequestParam(defaultValue = "false") boolean queue, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "false") boolean awaitingAcceptance,
            @AuthenticationPrincipal ScopedPrincipal me, Model model) {
        String categoryCode = category == null || category.isBlank() ? null : category.trim();
        Boolean overdueOnly = Boolean.TRUE.equals(overdue) ? true : null;
        GridNodeRef community = myCommunity(me);
        // 待受理 of the home page: every state waiting for acceptance (submitted, escalated, reopened) at once
        PageResult<IncidentView> result = awaitingAcceptance
                ? queries.list(IncidentState.AWAITING_ACCEPTANCE, overdueOnly, queue, Math.max(0, page), PAGE_SIZE)
                : mine && community != null
                        ? queries.listWithin(community.id(), state, categoryCode, overdueOnly, source, queue,
                                Math.max(0, page), PAGE_SIZE)
                        : queries.list(state, categoryCode, overdueOnly, source, queue, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("awaitingAcceptance", awaitingAcceptance);
        model.addAttribute("incidents", result);
        model.addAttribute("mine", mine && community != null);
        model.addAttribute("myCommunity", community);
        model.addAttribute("rowMoves", result.items().stream().anyMatch(i -> i.allowedMoves().stream()
            .anyMatch(ROW_MOVES::contains)));
        model.addAttribute("defaultDue", defaultDue());
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
        if (mine && community != null) {
            link.queryParam("mine", true);
        }
        model.addAttribute("back", link.cloneBuilder().queryParam("page", Math.max(0, page)).build().getQuery());
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
                    CoordSystem.WGS84, null, false, UUID.randomUUID().toString(), null, null));
        }
        model.addAttribute("categories", categories());
        model.addAttribute("coordSystems", CoordSystem.values());
        model.addAttribute("sources", staff(me) ? STAFF_SOURCES : List.of(IncidentSource.RESIDENT_REPORT));
        model.addAttribute("takesCalls", staff(me));
        return "incidents/new";
    }

    @PostMapping
    String report(@RequestParam String category, @RequestParam(required = false) IncidentSource source,
            @RequestParam String description, @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lng, @RequestParam(required = false) CoordSystem coordSystem,
            @RequestParam(required = false) String gridCode, @RequestParam(defaultValue = "false") boolean anonymous,
            @RequestParam String idempotencyKey, @RequestParam(required = false) String callerName,
            @RequestParam(required = false) String callerPhone, RedirectAttributes redirect) {
        IncidentSource from = source == null ? IncidentSource.RESIDENT_REPORT : source;
        String grid = gridCode == null || gridCode.isBlank() ? null : gridCode.trim();
        String key = idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey.trim();
        try {
            if (description.isBlank()) {
                throw DomainException.invalidField("incident.description-required", "description",
                        "Describe the problem");
            }
            IncidentContact caller = blankToNull(callerName) == null && blankToNull(callerPhone) == null ? null
                    : new IncidentContact(blankToNull(callerName), null, null, blankToNull(callerPhone), null, null);
            ReportResult result = intake.report(new ReportIncidentCommand(category, from, description, lat, lng,
                    coordSystem, grid, anonymous, null, null, null, caller), key);
            IncidentView reported = result.incident();
            redirect.addFlashAttribute("message", "incident.reported");
            redirect.addFlashAttribute("routed", new Routed(reported.assigneeName(),
                    reported.holder() == null ? null : reported.holder().name()));
            redirect.addFlashAttribute("duplicates", result.possibleDuplicates().stream()
                .map(d -> new Duplicate(d.id(), d.trackingCode(), d.state(), Math.round(d.distanceMetres())))
                .toList());
            return "redirect:/incidents/" + result.incident().id();
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            redirect.addFlashAttribute("form", new ReportForm(category, from, description, lat, lng, coordSystem, grid,
                    anonymous, key, blankToNull(callerName), blankToNull(callerPhone)));
            return "redirect:/incidents/new";
        }
    }

    // ---------------------------------------------------------------- one incident

    @GetMapping("/{id}")
    String detail(@PathVariable long id, @AuthenticationPrincipal ScopedPrincipal me, Model model) {
        detailModel(id, me, model);
        return "incidents/detail";
    }

    /**
     * The full value of one field of the caller's contact, with a reason, shown on the incident page it was asked
     * on (never carried in a redirect); the incident service writes the reveal to the audit log first.
     */
    @PostMapping("/{id}/contact/reveal")
    String revealContact(@PathVariable long id, @RequestParam String field, @RequestParam(required = false) String reason,
            @AuthenticationPrincipal ScopedPrincipal me, Model model) {
        try {
            model.addAttribute("revealed", contacts.reveal(id, field, reason));
        }
        catch (DomainException ex) {
            if (ex.kind() == DomainException.Kind.NOT_FOUND && !"incident.contact.not-found".equals(ex.code())) {
                throw ex;
            }
            model.addAttribute("error", ex.getMessage());
        }
        detailModel(id, me, model);
        return "incidents/detail";
    }

    private void detailModel(long id, ScopedPrincipal me, Model model) {
        IncidentView incident = queries.get(id);
        boolean reporter = me.name().equals(incident.reporter());
        List<Move> moves = incident.allowedMoves().stream().filter(FORM_MOVES::contains)
            .filter(move -> move != Move.RATE || reporter)
            // 催办 is offered to staff here; a resident presses their own report from the phone pages
            .filter(move -> move != Move.URGE || staff(me))
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
        model.addAttribute("reassignable", moves.contains(Move.REASSIGN) ? reassignable(incident) : List.of());
        model.addAttribute("defaultDue", defaultDue());
    }

    // ---------------------------------------------------------------- 督办 / 催办 / 改派

    @PostMapping("/{id}/supervise")
    String supervise(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String dueAt,
            @RequestParam(required = false) String note, @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        return back(act(id, redirect, "incidentconsole.done.supervise",
                () -> supervision.supervise(id, version, due(dueAt), blankToNull(note))), back);
    }

    @PostMapping("/{id}/urge")
    String urge(@PathVariable long id, @RequestParam(required = false) String note,
            @RequestParam(required = false) String back, RedirectAttributes redirect) {
        return back(act(id, redirect, "incidentconsole.done.urge", () -> supervision.urge(id, blankToNull(note))),
                back);
    }

    @PostMapping("/{id}/reassign")
    String reassign(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) Long gridId,
            @RequestParam String reason, RedirectAttributes redirect) {
        return act(id, redirect, "incidentconsole.done.reassign", () -> {
            if (gridId == null) {
                throw DomainException.invalidField("incident.console.gridId-required", "gridId",
                        "Choose the grid that takes it over");
            }
            return supervision.reassign(id, version, gridId, required(reason, "reason"));
        });
    }

    /**
     * 批量督办: the selected rows of the list (each as {@code id:version}, so a row changed since the list was shown
     * is refused by its optimistic lock, not overwritten), one due date and note for all; the answer counts what was
     * done and names each refusal. {@code one} is a single row's own button.
     */
    @PostMapping("/supervise")
    String superviseSelected(@RequestParam(required = false) List<String> ids,
            @RequestParam(required = false) String one, @RequestParam(required = false) String dueAt,
            @RequestParam(required = false) String note, @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        List<String> rows = one != null && !one.isBlank() ? List.of(one) : ids == null ? List.of() : ids;
        if (rows.isEmpty()) {
            redirect.addFlashAttribute("batchNone", true);
            return back(null, back);
        }
        Instant due;
        try {
            due = due(dueAt);
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            return back(null, back);
        }
        int done = 0;
        List<String> refused = new ArrayList<>();
        for (String row : rows) {
            String[] parts = row.split(":", 2);
            try {
                long id = Long.parseLong(parts[0].strip());
                long version = parts.length > 1 ? Long.parseLong(parts[1].strip()) : -1;
                try {
                    supervision.supervise(id, version, due, blankToNull(note));
                    done++;
                }
                catch (DomainException ex) {
                    refused.add("#" + id + ": " + ex.getMessage());
                }
            }
            catch (NumberFormatException ex) {
                refused.add(row + ": not a row of the list");
            }
        }
        redirect.addFlashAttribute("batchDone", done);
        redirect.addFlashAttribute("batchRefused", refused);
        return back(null, back);
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

    /** A list page's query (letters, digits and = & _ . - % only) to return to, or the incident page. */
    private static String back(String fallback, String back) {
        if (back != null && back.matches("[A-Za-z0-9=&_.%-]{0,500}")) {
            return "redirect:/incidents" + (back.isEmpty() ? "" : "?" + back);
        }
        return fallback == null ? "redirect:/incidents" : fallback;
    }

    /** A due date picked in the console's zone ({@code 2026-12-20T18:00}), as the instant it means. */
    private static Instant due(String dueAt) {
        try {
            return LocalDateTime.parse(required(dueAt, "dueAt")).atZone(ConsoleTimes.ZONE).toInstant();
        }
        catch (DateTimeParseException ex) {
            throw DomainException.invalidField("incident.console.dueAt-invalid", "dueAt",
                    "A date and time like 2026-12-20T18:00");
        }
    }

    /** Tomorrow at this time, to the minute, in the console's zone: what a supervise form proposes. */
    private static String defaultDue() {
        return LocalDateTime.now(ConsoleTimes.ZONE).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /**
     * The community the viewer works in: theirs, or the one above their grid; null above a community (a street
     * officer sees several — their whole scope is "mine" already).
     */
    private GridNodeRef myCommunity(ScopedPrincipal me) {
        if (me == null || me.scopeNodeId() == null) {
            return null;
        }
        return grids.chain(me.scopeNodeId()).stream().filter(g -> g.type() == GridType.COMMUNITY).findFirst()
            .orElse(null);
    }

    /**
     * The active grids an incident may be handed to: inside the viewer's scope (the service checks again), below a
     * street, not the one holding it; labelled with their parent's name so two grids of the same name differ.
     */
    private List<GridChoice> reassignable(IncidentView incident) {
        SqlPredicate visible = scopes.current().sql("n.path");
        long holder = incident.holder() == null ? -1 : incident.holder().id();
        return jdbc.query("select n.id, coalesce(p.name || ' / ', '') || n.name from grid_node n "
                + "left join grid_node p on p.id = n.parent_id where n.status = 'ACTIVE' and n.type in ('COMMUNITY', "
                + "'GENERAL_GRID', 'MICRO_GRID', 'DEDICATED_GRID') and n.id <> ? and (" + visible.sql()
                + ") order by n.path limit 300", (rs, row) -> new GridChoice(rs.getLong(1), rs.getString(2)),
                visible.argsAfter(holder));
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
