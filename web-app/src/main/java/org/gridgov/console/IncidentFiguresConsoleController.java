package org.gridgov.console;

import org.gridgov.shared.security.Role;
import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.GridNodeService;
import org.gridgov.grid.GridNodeView;
import org.gridgov.identity.ScopeResolver;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.incident.IncidentConfigService;
import org.gridgov.incident.IncidentFiguresService;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.scope.DataScope;
import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Incident figures of a grid (received vs resolved per day, 24-hour response rate of each child area, per worker
 * and department) with ECharts, and the incident settings: categories with their deadlines and the work calendar.
 */
@Controller
class IncidentFiguresConsoleController {

    private final IncidentFiguresService figures;
    private final IncidentConfigService config;
    private final GridNodeService grids;
    private final ScopeResolver scopes;
    private final JsonMapper json;

    IncidentFiguresConsoleController(IncidentFiguresService figures, IncidentConfigService config,
            GridNodeService grids, ScopeResolver scopes, JsonMapper json) {
        this.figures = figures;
        this.config = config;
        this.grids = grids;
        this.scopes = scopes;
        this.json = json;
    }

    @GetMapping("/incidents/figures")
    @PreAuthorize(Role.Expressions.GRID_STAFF)
    String figures(@RequestParam(required = false) Long nodeId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @AuthenticationPrincipal ScopedPrincipal me, Model model) {
        long node = nodeId != null ? nodeId : defaultNode(me);
        LocalDate end = to == null ? LocalDate.now(ConsoleTimes.ZONE) : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        var fromInstant = start.atStartOfDay(ConsoleTimes.ZONE).toInstant();
        var toInstant = end.plusDays(1).atStartOfDay(ConsoleTimes.ZONE).toInstant();
        model.addAttribute("node", grids.get(node));
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("figures", figures.figures(node, fromInstant, toInstant));
        model.addAttribute("breakdown", figures.breakdown(node, fromInstant, toInstant));
        List<IncidentFiguresService.ChildRate> children = figures.byChild(node, fromInstant, toInstant);
        model.addAttribute("children", children);
        model.addAttribute("dailyJson", json.writeValueAsString(figures.daily(node, fromInstant, toInstant)));
        model.addAttribute("childrenJson", json.writeValueAsString(children));
        return "incidents/figures";
    }

    @GetMapping("/incidents/settings")
    @ManagersOnly
    String settings(@RequestParam(required = false) Integer year, Model model) {
        int shown = year == null ? LocalDate.now(ConsoleTimes.ZONE).getYear() : year;
        model.addAttribute("categories", config.categories());
        model.addAttribute("year", shown);
        model.addAttribute("days", config.calendar(shown));
        return "incidents/settings";
    }

    @PostMapping("/incidents/settings/categories")
    @PreAuthorize(Role.Expressions.SYSTEM_ADMIN)
    String saveCategory(@RequestParam String code, @RequestParam String name, @RequestParam int responseHours,
            @RequestParam int resolutionHours, @RequestParam(defaultValue = "false") boolean workingHours,
            @RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect) {
        try {
            if (!code.matches("[A-Z][A-Z0-9_]{1,39}") || responseHours < 1 || resolutionHours < 1) {
                throw DomainException.invalidField("incident.category", "code", "Code: upper-case letters, digits, '_'; "
                        + "deadlines: at least one hour");
            }
            config.saveCategory(new IncidentConfigService.CategoryView(code, name, responseHours, resolutionHours,
                    workingHours, active));
            redirect.addFlashAttribute("message", "incident.settings.saved");
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/incidents/settings";
    }

    @PostMapping("/incidents/settings/calendar")
    @PreAuthorize(Role.Expressions.SYSTEM_ADMIN)
    String saveDay(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @RequestParam(defaultValue = "false") boolean working, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        config.saveDay(new IncidentConfigService.CalendarDay(day, working, note == null || note.isBlank() ? null
                : note.trim()));
        redirect.addFlashAttribute("message", "incident.settings.saved");
        return "redirect:/incidents/settings?year=" + day.getYear();
    }

    /** The caller's own grid, or for city-wide users the first root of the tree (a city or a district). */
    private long defaultNode(ScopedPrincipal me) {
        DataScope scope = scopes.resolve(me);
        if (scope.kind() == DataScope.Kind.SUBTREE) {
            return scope.nodeId();
        }
        List<GridNodeView> districts = grids.children(null, false, PageRequest.of(0, 1)).items();
        if (districts.isEmpty()) {
            throw DomainException.notFound("grid.node.not-found", "No grids yet");
        }
        return districts.get(0).id();
    }
}
