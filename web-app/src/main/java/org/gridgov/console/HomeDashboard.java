package org.gridgov.console;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.GridNodeService;
import org.gridgov.grid.GridNodeView;
import org.gridgov.identity.ScopeResolver;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.incident.IncidentFigures;
import org.gridgov.incident.IncidentFiguresService;
import org.gridgov.incident.IncidentQueries;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.IncidentView;
import org.gridgov.points.MallService;
import org.gridgov.points.ServiceRecordService;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.security.Role;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * What the console's home shows a signed-in user, by role: the to-dos (each count the total of the list its link
 * opens, read through the same service query and so the same data scope), this month's incident figures of the
 * user's grid, the overdue incidents, and — for street and district — their children's 24-hour response rates.
 * Grid staff count incidents waiting for acceptance in their queue (待受理), overdue ones in their scope (超期),
 * resolved ones waiting for the reporter's rating (待回访) and, as managers, service records waiting for review
 * (待审核); departments the incidents they were summoned to; merchants the redemptions to fulfil.
 */
@Component
class HomeDashboard {

    /** How many overdue incidents the home lists (the link opens all of them). */
    static final int OVERDUE_SHOWN = 5;

    /** One count of work waiting, and the list that holds exactly that work. */
    record Todo(String key, long count, String link) {
    }

    /** A link to a page the role opens often (label {@code dashboard.shortcut.<key>}). */
    record Shortcut(String key, String link) {
    }

    /** This month's figures of a grid, with the series of its charts as JSON (passed to ECharts as data-*). */
    record MonthFigures(GridNodeView node, LocalDate from, LocalDate to, IncidentFigures figures, String dailyJson,
            List<IncidentFiguresService.ChildRate> children, String childrenJson) {
    }

    /** The whole home of one user; parts that do not apply to the role are empty or null. */
    record Dashboard(List<Todo> todos, MonthFigures month, List<IncidentView> overdue, long overdueTotal,
            String overdueLink, List<Shortcut> shortcuts) {
    }

    private final IncidentQueries incidents;
    private final IncidentFiguresService figures;
    private final ServiceRecordService services;
    private final MallService mall;
    private final GridNodeService grids;
    private final ScopeResolver scopes;
    private final JsonMapper json;

    HomeDashboard(IncidentQueries incidents, IncidentFiguresService figures, ServiceRecordService services,
            MallService mall, GridNodeService grids, ScopeResolver scopes, JsonMapper json) {
        this.incidents = incidents;
        this.figures = figures;
        this.services = services;
        this.mall = mall;
        this.grids = grids;
        this.scopes = scopes;
        this.json = json;
    }

    Dashboard of(ScopedPrincipal me) {
        Role role = me.role();
        List<Todo> todos = new ArrayList<>();
        List<IncidentView> overdue = List.of();
        long overdueTotal = 0;
        String overdueLink = null;
        MonthFigures month = null;
        List<Shortcut> shortcuts = new ArrayList<>();
        if (Role.GRID_STAFF.contains(role)) {
            todos.add(new Todo("acceptance", incidents.list(IncidentState.AWAITING_ACCEPTANCE, null, true, 0, 1)
                .totalElements(), "/incidents?queue=true&awaitingAcceptance=true"));
            var late = incidents.list(null, null, true, null, false, 0, OVERDUE_SHOWN);
            overdue = late.items();
            overdueTotal = late.totalElements();
            overdueLink = "/incidents?overdue=true";
            todos.add(new Todo("overdue", overdueTotal, overdueLink));
            if (Role.MANAGERS.contains(role)) {
                todos.add(new Todo("review", services.review(null, null, null, 0, 1).totalElements(),
                        "/points/review"));
            }
            todos.add(new Todo("rating", incidents.list(IncidentState.RESOLVED, null, null, null, false, 0, 1)
                .totalElements(), "/incidents?state=RESOLVED"));
            month = month(me, role == Role.STREET_OFFICER || role == Role.DISTRICT_OFFICER
                    || role == Role.SYSTEM_ADMIN);
        }
        else if (role == Role.DEPARTMENT_STAFF) {
            todos.add(new Todo("summoned", incidents.list(null, null, null, null, true, 0, 1).totalElements(),
                    "/incidents?queue=true"));
            var late = incidents.list(null, null, true, null, true, 0, OVERDUE_SHOWN);
            overdue = late.items();
            overdueTotal = late.totalElements();
            overdueLink = "/incidents?queue=true&overdue=true";
            todos.add(new Todo("overdue", overdueTotal, overdueLink));
        }
        else if (role == Role.MERCHANT && me.partnerId() != null) {
            long pending = mall.partnerRedemptionsForCaller().stream().filter(r -> "PENDING".equals(r.state())).count();
            todos.add(new Todo("redemptions", pending, "/points"));
        }
        else if (role == Role.RESIDENT) {
            shortcuts.add(new Shortcut("reports", "/incidents"));
        }
        if (role == Role.SYSTEM_ADMIN) {
            shortcuts.addAll(List.of(new Shortcut("users", "/admin/users"), new Shortcut("audit", "/admin/audit"),
                    new Shortcut("gridImport", "/grids/import"), new Shortcut("residentImport", "/residents/import")));
        }
        return new Dashboard(todos, month, overdue, overdueTotal, overdueLink, shortcuts);
    }

    /** This month (China time) up to now, of the user's grid; with its children for street, district, city. */
    private MonthFigures month(ScopedPrincipal me, boolean withChildren) {
        Long node = node(me);
        if (node == null) {
            return null;
        }
        LocalDate today = LocalDate.now(ConsoleTimes.ZONE);
        LocalDate first = today.withDayOfMonth(1);
        Instant from = first.atStartOfDay(ConsoleTimes.ZONE).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(ConsoleTimes.ZONE).toInstant();
        List<IncidentFiguresService.ChildRate> children = withChildren ? figures.byChild(node, from, to) : List.of();
        return new MonthFigures(grids.get(node), first, today, figures.figures(node, from, to),
                json.writeValueAsString(figures.daily(node, from, to.minusMillis(1))), children,
                json.writeValueAsString(children));
    }

    /** The user's own grid, or for city-wide users the first root of the tree; null when there is no tree yet. */
    private Long node(ScopedPrincipal me) {
        DataScope scope = scopes.resolve(me);
        if (scope.kind() == DataScope.Kind.SUBTREE) {
            return scope.nodeId();
        }
        if (!scope.isAll()) {
            return null;
        }
        List<GridNodeView> roots = grids.children(null, false, PageRequest.of(0, 1)).items();
        return roots.isEmpty() ? null : roots.get(0).id();
    }
}
