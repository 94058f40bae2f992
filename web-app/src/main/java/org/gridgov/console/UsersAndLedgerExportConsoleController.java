package org.gridgov.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.identity.AccountService;
import org.gridgov.identity.AccountView;
import org.gridgov.points.PointsQueries;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The export buttons of the users list and the points ledger: the same queries as the pages (so the same data scope),
 * every matching row. A user's phone leaves masked; grids by name, codes in words as on screen.
 */
@Controller
@PreAuthorize(Role.Expressions.MANAGERS)
class UsersAndLedgerExportConsoleController {

    private final AccountService accounts;
    private final PointsQueries points;
    private final GridNodePicker nodes;
    private final CodeWords codes;
    private final ConsoleTableExport exports;
    private final ConsoleTimes times;

    UsersAndLedgerExportConsoleController(AccountService accounts, PointsQueries points, GridNodePicker nodes,
            CodeWords codes, ConsoleTableExport exports, ConsoleTimes times) {
        this.accounts = accounts;
        this.points = points;
        this.nodes = nodes;
        this.codes = codes;
        this.exports = exports;
        this.times = times;
    }

    @GetMapping("/admin/users/export")
    ResponseEntity<StreamingResponseBody> users(@RequestParam(required = false) String q,
            @RequestParam(defaultValue = "csv") String format, HttpServletRequest request) {
        Map<Long, String> labels = new ConcurrentHashMap<>();
        return exports.export("users", format, "q=" + q,
                List.of("id", "username", "displayName", "phone", "role", "grid", "status", "locked", "lastLoginAt"),
                page -> labelled(accounts.list(q, page, ConsoleTableExport.BATCH), labels),
                u -> List.of(String.valueOf(u.id()), nz(u.username()), nz(u.displayName()),
                        nz(AccountView.maskPhone(u.phone())), codes.role(u.role().name()),
                        u.scopeNodeId() == null ? "" : labels.getOrDefault(u.scopeNodeId(), ""), nz(u.status()),
                        String.valueOf(u.locked()), times.format(u.lastLoginAt())),
                request);
    }

    @GetMapping("/points/ledger/export")
    ResponseEntity<StreamingResponseBody> ledger(@RequestParam(required = false) Long accountId,
            @RequestParam(required = false) String kind, @RequestParam(defaultValue = "csv") String format,
            HttpServletRequest request) {
        if (accountId != null) {
            return exports.export("ledger-lines", format, "accountId=" + accountId,
                    List.of("entryId", "at", "type", "amount", "balanceAfter", "source", "rule", "memo", "actor"),
                    page -> points.accountHistory(accountId, page, ConsoleTableExport.BATCH),
                    l -> List.of(String.valueOf(l.entryId()), times.formatSeconds(l.at()), codes.entryType(l.type()),
                            String.valueOf(l.amount()), String.valueOf(l.balanceAfter()), nz(l.sourceRef()),
                            nz(l.rule()), nz(l.memo()), nz(l.actor())),
                    request);
        }
        String wanted = kind == null || kind.isBlank() ? null : kind;
        return exports.export("points-accounts", format, "kind=" + wanted,
                List.of("id", "kind", "shard", "name", "balance", "held"),
                page -> points.accounts(wanted, page, ConsoleTableExport.BATCH),
                a -> List.of(String.valueOf(a.id()), codes.accountKind(a.kind()), String.valueOf(a.shard()),
                        nz(a.name()), String.valueOf(a.balance()), String.valueOf(a.held())),
                request);
    }

    /** Looks up the grids' names of a page, once per grid. */
    private PageResult<AccountView> labelled(PageResult<AccountView> page, Map<Long, String> labels) {
        List<Long> missing = page.items().stream().map(AccountView::scopeNodeId)
            .filter(id -> id != null && !labels.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            labels.putAll(nodes.labels(missing));
        }
        return page;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
