package org.gridgov.incident.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.gridgov.incident.IncidentBreakdown;
import org.gridgov.incident.IncidentCategoryMappings;
import org.gridgov.incident.IncidentConfigService;
import org.gridgov.incident.IncidentConfigService.CalendarDay;
import org.gridgov.incident.IncidentConfigService.CategoryView;
import org.gridgov.incident.IncidentFigures;
import org.gridgov.incident.IncidentFiguresService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incident figures, categories with their deadlines, and the work calendar. */
@RestController
class IncidentAdministrationController {

    private final IncidentFiguresService figures;
    private final IncidentConfigService config;
    private final IncidentCategoryMappings mappings;

    IncidentAdministrationController(IncidentFiguresService figures, IncidentConfigService config,
            IncidentCategoryMappings mappings) {
        this.figures = figures;
        this.config = config;
        this.mappings = mappings;
    }

    record MappingRequest(@NotBlank @Size(max = 40) @Schema(description = "our incident category", example = "ENVIRONMENT")
            String category,
            @Size(max = 100) @Schema(description = "the code's name at the sender", example = "市容环境-垃圾清运")
            String externalName) {
    }

    @GetMapping("/api/v1/incident-categories/mappings")
    @Tag(name = "Incident configuration")
    @Operation(summary = "Category mappings of sending systems", description = "Per source (a 12345 hotline, "
            + "一网统管): their category codes (诉求类型) → our incident categories. An unmapped code sends the report "
            + "to TRIAGE, flagged needsTriage (system administrators).")
    List<IncidentCategoryMappings.CategoryMapping> mappings(
            @RequestParam(required = false) @Size(max = 40) @io.swagger.v3.oas.annotations.Parameter(
                    description = "only this source", example = "HOTLINE_12345") String source) {
        return mappings.list(source);
    }

    @PutMapping("/api/v1/incident-categories/mappings/{source}/{externalCode}")
    @Tag(name = "Incident configuration")
    @Operation(summary = "Map a sender's category code", description = "Creates or changes the mapping of one code "
            + "of one source to an active category; reports from now on follow it. Audited.")
    IncidentCategoryMappings.CategoryMapping saveMapping(@PathVariable String source, @PathVariable String externalCode,
            @Valid @RequestBody MappingRequest request) {
        return mappings.save(source, externalCode, request.externalName(), request.category());
    }

    @DeleteMapping("/api/v1/incident-categories/mappings/{source}/{externalCode}")
    @Tag(name = "Incident configuration")
    @Operation(summary = "Remove a mapping", description = "Reports with that code go to TRIAGE again; 404 when no "
            + "such mapping exists. Audited.")
    ResponseEntity<Void> removeMapping(@PathVariable String source, @PathVariable String externalCode) {
        mappings.remove(source, externalCode);
        return ResponseEntity.noContent().build();
    }

    record CategoryRequest(@NotBlank @Size(max = 100) @Schema(example = "燃气隐患") String name,
            @NotNull @Min(1) @Max(8760) @Schema(description = "deadline to accept", example = "2")
            Integer responseHours,
            @NotNull @Min(1) @Max(8760) @Schema(description = "deadline to resolve", example = "24")
            Integer resolutionHours,
            @Schema(description = "count only working hours of the work calendar", example = "false")
            Boolean workingHours,
            @Schema(description = "offered to reporters", example = "true") Boolean active) {
    }

    record DayRequest(@NotNull @Schema(description = "a working day", example = "false") Boolean working,
            @Size(max = 100) @Schema(example = "元旦") String note) {
    }

    @GetMapping("/api/v1/incidents/figures")
    @Tag(name = "Incident figures")
    @Operation(summary = "Incident figures of a grid and everything under it", description = "Received, accepted "
            + "within 24 h (the city's headline, target ≥ 90%), resolved on time, overdue now, average times, "
            + "satisfaction and reopen rate, for [from, to) (default: the last 30 days). 404 outside your scope.")
    IncidentFigures figures(@RequestParam long nodeId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        return figures.figures(nodeId, from, to);
    }

    @GetMapping("/api/v1/incidents/figures/breakdown")
    @Tag(name = "Incident figures")
    @Operation(summary = "Incident figures per worker and per department", description = "Per assignee: assigned, "
            + "resolved, on time, average rating (best rated first); per summoned department: summoned, checked in, "
            + "checked in on time, reported. Same subtree and period as the figures.")
    IncidentBreakdown breakdown(@RequestParam long nodeId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        return figures.breakdown(nodeId, from, to);
    }

    @GetMapping("/api/v1/incident-categories")
    @Tag(name = "Incident configuration")
    @Operation(summary = "Incident categories", description = "With their response and resolution deadlines.")
    List<CategoryView> categories() {
        return config.categories();
    }

    @PutMapping("/api/v1/incident-categories/{code}")
    @Tag(name = "Incident configuration")
    @Operation(summary = "Create or change a category", description = "Deadlines in working hours (09:00–18:00 on "
            + "working days) or calendar hours; new deadlines apply to reports from now on. Audited.")
    CategoryView saveCategory(
            @PathVariable @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "upper-case letters, digits, '_'") String code,
            @Valid @RequestBody CategoryRequest request) {
        return config.saveCategory(new CategoryView(code, request.name(), request.responseHours(),
                request.resolutionHours(), !Boolean.FALSE.equals(request.workingHours()),
                !Boolean.FALSE.equals(request.active())));
    }

    @GetMapping("/api/v1/incident-categories/deadline-rules")
    @Operation(summary = "The deadline rule table", description = "Per category: how long until acceptance, "
            + "resolution and check-in are due, and whether passing it escalates or reminds (system administrators).")
    List<IncidentConfigService.DeadlineRuleView> deadlineRules(
            @org.springframework.web.bind.annotation.RequestParam(required = false) String category) {
        return config.deadlineRules(category);
    }

    @PutMapping("/api/v1/incident-categories/{code}/deadline-rules/{deadline}")
    @Operation(summary = "Set a deadline rule", description = "`{\"after\":\"PT4H\",\"action\":\"ESCALATE\"}`; "
            + "`after` is an ISO-8601 duration (seconds allowed, for drills). Applies to incidents from now on.")
    IncidentConfigService.DeadlineRuleView saveDeadlineRule(@PathVariable String code, @PathVariable String deadline,
            @org.springframework.web.bind.annotation.RequestBody DeadlineRuleRequest rule) {
        return config.saveDeadlineRule(code, new IncidentConfigService.DeadlineRuleView(code, deadline,
                rule == null ? null : rule.after(), rule == null ? null : rule.action()));
    }

    record DeadlineRuleRequest(
            @io.swagger.v3.oas.annotations.media.Schema(description = "how long after the clock starts",
                    example = "PT4H") java.time.Duration after,
            @io.swagger.v3.oas.annotations.media.Schema(description = "what passing it does: ESCALATE or REMIND",
                    example = "ESCALATE") String action) {
    }

    @DeleteMapping("/api/v1/incident-categories/{code}/deadline-rules/{deadline}")
    @Operation(summary = "Remove a deadline rule (the category's hours apply again)", description = "Incidents "
            + "from now on follow the category's response and resolution hours; 404 when no such rule is set.")
    org.springframework.http.ResponseEntity<Void> removeDeadlineRule(@PathVariable String code,
            @PathVariable String deadline) {
        config.removeDeadlineRule(code, deadline);
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/work-calendar")
    @Tag(name = "Incident configuration")
    @Operation(summary = "Work calendar exceptions of a year", description = "Public holidays (off) and adjusted "
            + "weekend days (working); other days follow Monday–Friday.")
    List<CalendarDay> calendar(@RequestParam @Min(2000) @Max(2100) int year) {
        return config.calendar(year);
    }

    @PutMapping("/api/v1/work-calendar/{day}")
    @Tag(name = "Incident configuration")
    @Operation(summary = "Set a day of the work calendar", description = "Mark a holiday (working=false) or an "
            + "adjusted working day (working=true). Audited.")
    CalendarDay saveDay(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @Valid @RequestBody DayRequest request) {
        return config.saveDay(new CalendarDay(day, request.working(), request.note()));
    }

    @DeleteMapping("/api/v1/work-calendar/{day}")
    @Tag(name = "Incident configuration")
    @Operation(summary = "Remove a day's exception", description = "The day follows Monday–Friday again.")
    ResponseEntity<Void> removeDay(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        config.removeDay(day);
        return ResponseEntity.noContent().build();
    }
}
