package org.gridgov.console;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.identity.AuditQueries;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.points.ServiceRecordService;
import org.gridgov.points.ServiceRecordView;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.people.AccountDirectory;
import org.gridgov.shared.security.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The export buttons of the service review list and the audit log: their filters through the same queries, every
 * matching row. Workers by the name others see; no beneficiary and no IP address (personal data stays on screen).
 */
@Controller
@PreAuthorize(Role.Expressions.MANAGERS)
class ReviewAndAuditExportConsoleController {

    private final ServiceRecordService services;
    private final AuditQueries audit;
    private final AccountDirectory accounts;
    private final ConsoleTableExport exports;
    private final ConsoleTimes times;

    ReviewAndAuditExportConsoleController(ServiceRecordService services, AuditQueries audit,
            AccountDirectory accounts, ConsoleTableExport exports, ConsoleTimes times) {
        this.services = services;
        this.audit = audit;
        this.accounts = accounts;
        this.exports = exports;
        this.times = times;
    }

    @GetMapping("/points/review/export")
    ResponseEntity<StreamingResponseBody> review(@RequestParam(defaultValue = "SUBMITTED") String state,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String period, @RequestParam(defaultValue = "csv") String format,
            HttpServletRequest request) {
        if ("week".equals(period)) {
            from = LocalDate.now(ConsoleTimes.ZONE).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            to = from.plusDays(6);
        }
        LocalDate start = from;
        LocalDate end = to;
        Map<Long, String> names = new HashMap<>();
        return exports.export("service-records", format, "state=" + state + " from=" + start + " to=" + end,
                List.of("id", "type", "worker", "performedAt", "hours", "place", "description", "state", "reviewedBy",
                        "reviewedAt", "reviewNote", "pointsAwarded"),
                page -> named(services.review(state, start, end, page, ConsoleTableExport.BATCH), names),
                r -> List.of(String.valueOf(r.id()), r.typeName() != null ? r.typeName() : r.typeCode(),
                        names.getOrDefault(r.workerId(), r.workerName()), times.format(r.performedAt()),
                        r.hours() == null ? "" : r.hours().toPlainString(), nz(r.place()), nz(r.description()),
                        r.state(), nz(r.reviewedBy()), times.format(r.reviewedAt()), nz(r.reviewNote()),
                        r.pointsAwarded() == null ? "" : String.valueOf(r.pointsAwarded())),
                request);
    }

    @GetMapping("/admin/audit/export")
    ResponseEntity<StreamingResponseBody> audit(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "csv") String format, @AuthenticationPrincipal ScopedPrincipal me,
            HttpServletRequest request) {
        Instant start = from == null ? null : from.atStartOfDay(ConsoleTimes.ZONE).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(ConsoleTimes.ZONE).toInstant();
        String caller = me.name();
        return exports.export("audit", format, "actor=" + actor + " action=" + action + " from=" + from + " to=" + to,
                List.of("id", "occurredAt", "actor", "actorRole", "action", "targetType", "targetId", "detail"),
                page -> audit.search(caller, actor, action, start, end, page, ConsoleTableExport.BATCH),
                e -> List.of(String.valueOf(e.id()), times.formatSeconds(e.occurredAt()), nz(e.actor()),
                        nz(e.actorRole()), nz(e.action()), nz(e.targetType()), nz(e.targetId()), nz(e.detail())),
                request);
    }

    /** Looks up the workers' public names of a page, once per worker. */
    private PageResult<ServiceRecordView> named(PageResult<ServiceRecordView> page, Map<Long, String> names) {
        List<Long> missing = page.items().stream().map(ServiceRecordView::workerId).distinct()
            .filter(id -> !names.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            accounts.accounts(missing).forEach(a -> names.put(a.id(), a.publicName()));
        }
        return page;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
