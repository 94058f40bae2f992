package org.gridgov.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.incident.IncidentQueries;
import org.gridgov.incident.IncidentSource;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.IncidentView;
import org.gridgov.shared.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The incident list's export buttons: the list's filter (state, category, overdue, source, my queue, waiting for
 * acceptance) through the same query, every matching incident, states in the viewer's language and times in China
 * time. No reporter or caller data: those stay on the incident's page, masked and revealed with a reason.
 */
@Controller
@PreAuthorize(Role.Expressions.GRID_STAFF_AND_DEPARTMENTS)
class IncidentExportConsoleController {

    private final IncidentQueries queries;
    private final ConsoleTableExport exports;
    private final ConsoleTimes times;
    private final MessageSource messages;

    IncidentExportConsoleController(IncidentQueries queries, ConsoleTableExport exports, ConsoleTimes times,
            MessageSource messages) {
        this.queries = queries;
        this.exports = exports;
        this.times = times;
        this.messages = messages;
    }

    @GetMapping("/incidents/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) IncidentState state,
            @RequestParam(required = false) String category, @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) IncidentSource source, @RequestParam(defaultValue = "false") boolean queue,
            @RequestParam(defaultValue = "false") boolean awaitingAcceptance,
            @RequestParam(defaultValue = "csv") String format, Locale locale, HttpServletRequest request) {
        String categoryCode = category == null || category.isBlank() ? null : category.trim();
        Boolean late = Boolean.TRUE.equals(overdue) ? true : null;
        String filter = "state=" + state + " category=" + categoryCode + " overdue=" + late + " source=" + source
                + " queue=" + queue + " awaitingAcceptance=" + awaitingAcceptance;
        List<String> header = List.of("trackingCode", "category", "state", "source", "grid", "holder", "assignee",
                "description", "acceptDueAt", "expectedResolutionAt", "acceptedAt", "resolvedAt", "createdAt");
        return exports.export("incidents", format, filter, header, page -> awaitingAcceptance
                ? queries.list(IncidentState.AWAITING_ACCEPTANCE, late, queue, page, ConsoleTableExport.BATCH)
                : queries.list(state, categoryCode, late, source, queue, page, ConsoleTableExport.BATCH),
                i -> row(i, locale), request);
    }

    private List<String> row(IncidentView i, Locale locale) {
        List<String> cells = new ArrayList<>();
        cells.add(i.trackingCode());
        cells.add(i.categoryName() != null ? i.categoryName() : i.category());
        cells.add(messages.getMessage("incident.state." + i.state().name(), null, i.state().name(), locale));
        cells.add(i.source() == null ? null
                : messages.getMessage("incident.source." + i.source().name(), null, i.source().name(), locale));
        cells.add(i.grid() == null ? null : i.grid().name());
        cells.add(i.holder() == null ? null : i.holder().name());
        cells.add(i.assigneeName());
        cells.add(i.description());
        cells.add(times.format(i.acceptDueAt()));
        cells.add(times.format(i.expectedResolutionAt()));
        cells.add(times.format(i.acceptedAt()));
        cells.add(times.format(i.resolvedAt()));
        cells.add(times.format(i.createdAt()));
        return cells;
    }
}
