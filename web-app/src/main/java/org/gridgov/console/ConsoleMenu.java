package org.gridgov.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gridgov.shared.security.Role;

/**
 * The console's left menu, grouped by module, and the breadcrumb of a page. Each entry names the roles that may open
 * it (the same groups of {@link Role} its controller is guarded by), so a user sees only what answers them with a
 * page. The breadcrumb is found from the request path: the entry whose path is the longest prefix of it.
 */
final class ConsoleMenu {

    private static final Set<Role> EVERYONE = Set.of(Role.values());

    /** One menu link; {@code id} is the element id the page gives it (kept stable for tests and styles). */
    record Entry(String id, String path, String label, Set<Role> roles) {

        boolean matches(String requestPath) {
            return requestPath.equals(path) || requestPath.startsWith(path + "/");
        }
    }

    /** A module's heading and the entries the user may open. */
    record Group(String key, String label, List<Entry> entries) {
    }

    /** Home › module › entry; {@code current} is true when the request is the entry's own page (not a child). */
    record Crumb(Group group, Entry entry, boolean current) {
    }

    static final List<Group> ALL = List.of(
            new Group("grid", "menu.group.grid", List.of(
                    new Entry("nav-grids", "/grids", "nav.grids", EVERYONE),
                    new Entry("nav-grid-import", "/grids/import", "import.nav", Role.MANAGERS),
                    new Entry("nav-cards", "/cards", "card.nav", EVERYONE))),
            new Group("residents", "menu.group.residents", List.of(
                    new Entry("nav-residents", "/residents", "menu.residents.search", Role.GRID_STAFF),
                    new Entry("nav-care", "/residents/care", "menu.residents.care", Role.GRID_STAFF),
                    new Entry("nav-worklist", "/residents/worklist", "menu.residents.worklist", Role.GRID_STAFF),
                    new Entry("nav-housing", "/residents/housing", "menu.residents.housing", Role.GRID_STAFF),
                    new Entry("nav-campaigns", "/residents/campaigns", "menu.residents.campaigns", Role.GRID_STAFF),
                    new Entry("nav-resident-import", "/residents/import", "menu.residents.import", Role.MANAGERS))),
            new Group("incidents", "menu.group.incidents", List.of(
                    new Entry("nav-incidents", "/incidents", "menu.incidents.list", Role.INCIDENT_CONSOLE_USERS),
                    new Entry("nav-incident-new", "/incidents/new", "menu.incidents.new",
                            Role.INCIDENT_CONSOLE_USERS),
                    new Entry("nav-incident-map", "/incidents/map", "menu.incidents.map",
                            union(Role.GRID_STAFF, Set.of(Role.DEPARTMENT_STAFF))),
                    new Entry("nav-incident-figures", "/incidents/figures", "menu.incidents.figures",
                            Role.GRID_STAFF),
                    new Entry("nav-incident-settings", "/incidents/settings", "menu.incidents.settings",
                            Role.MANAGERS))),
            new Group("points", "menu.group.points", List.of(
                    new Entry("nav-points", "/points", "points.nav.mine", EVERYONE),
                    new Entry("nav-points-review", "/points/review", "points.nav.review", Role.MANAGERS),
                    new Entry("nav-points-catalogue", "/points/catalogue", "points.nav.catalogue", Role.MANAGERS),
                    new Entry("nav-points-mall", "/points/mall", "points.nav.mall", Role.MANAGERS),
                    new Entry("nav-points-pool", "/points/pool", "points.nav.pool", Role.MANAGERS),
                    new Entry("nav-points-ledger", "/points/ledger", "points.nav.ledger", Role.MANAGERS),
                    new Entry("nav-points-rankings", "/points/rankings", "points.nav.rankings", Role.MANAGERS))),
            new Group("participation", "menu.group.participation", List.of(
                    new Entry("nav-participation", "/participation", "participation.nav", Role.GRID_STAFF),
                    new Entry("nav-activities", "/participation/activities", "menu.participation.activities",
                            Role.GRID_STAFF),
                    new Entry("nav-menu-questionnaires", "/participation/questionnaires",
                            "participation.questionnaires", Role.GRID_STAFF),
                    new Entry("nav-menu-topics", "/participation/topics", "participation.topics", Role.GRID_STAFF),
                    new Entry("nav-menu-projects", "/participation/projects", "participation.projects",
                            Role.GRID_STAFF),
                    new Entry("nav-life-circle", "/participation/life-circle", "lifecircle.nav", Role.GRID_STAFF))),
            new Group("integration", "menu.group.integration", List.of(
                    new Entry("nav-webhooks", "/admin/webhooks", "webhook.nav", Set.of(Role.SYSTEM_ADMIN)),
                    new Entry("nav-api", "/swagger-ui.html", "nav.api", EVERYONE))),
            new Group("identity", "menu.group.identity", List.of(
                    new Entry("nav-users", "/admin/users", "identity.nav.users", Role.MANAGERS),
                    new Entry("nav-audit", "/admin/audit", "identity.nav.audit", Role.MANAGERS),
                    new Entry("nav-account", "/account", "identity.nav.account", EVERYONE))));

    private ConsoleMenu() {
    }

    /** The groups with the entries {@code role} may open; groups left empty are dropped. */
    static List<Group> visibleTo(Role role) {
        List<Group> visible = new ArrayList<>();
        for (Group group : ALL) {
            List<Entry> entries = group.entries().stream().filter(e -> role != null && e.roles().contains(role))
                .toList();
            if (!entries.isEmpty()) {
                visible.add(new Group(group.key(), group.label(), entries));
            }
        }
        return visible;
    }

    /** The breadcrumb of {@code requestPath} (without the context path), or null for home and unknown paths. */
    static Crumb crumbOf(List<Group> groups, String requestPath) {
        Crumb best = null;
        for (Group group : groups) {
            for (Entry entry : group.entries()) {
                if (entry.matches(requestPath)
                        && (best == null || entry.path().length() > best.entry().path().length())) {
                    best = new Crumb(group, entry, requestPath.equals(entry.path()));
                }
            }
        }
        return best;
    }

    private static Set<Role> union(Set<Role> a, Set<Role> b) {
        Set<Role> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
