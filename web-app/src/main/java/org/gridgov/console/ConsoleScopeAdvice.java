package org.gridgov.console;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.grid.GridNodeService;
import org.gridgov.identity.ScopeResolver;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Every console page's header says which part of the tree the user is working in, and every page knows what the
 * user may do ({@code may.manager}, …) from the role groups of {@link Role}, so templates never spell a role.
 * <p>
 * Only for the console's controllers and the error page, which render the layout: selected by package, not by
 * {@code @Controller}, which every {@code @RestController} carries too — the REST API's requests used to resolve
 * the scope label, menu and links for a model nobody renders.
 */
@ControllerAdvice(basePackages = { "org.gridgov.console", "org.gridgov.platform.web" })
class ConsoleScopeAdvice {

    /** The scope shown in the header: kind plus, for a subtree, the grid's name. */
    record ScopeLabel(String kind, String name) {
    }

    /** What the signed-in user may do, by {@link Role} group; templates show or hide links and forms by it. */
    record ConsoleAccess(boolean admin, boolean manager, boolean gridStaff, boolean gridStaffOrDepartment,
            boolean incidentUser, boolean merchant) {

        static final ConsoleAccess NONE = new ConsoleAccess(false, false, false, false, false, false);

        static ConsoleAccess of(Role role) {
            return new ConsoleAccess(role == Role.SYSTEM_ADMIN, Role.MANAGERS.contains(role),
                    Role.GRID_STAFF.contains(role), Role.GRID_STAFF.contains(role) || role == Role.DEPARTMENT_STAFF,
                    Role.INCIDENT_CONSOLE_USERS.contains(role), role == Role.MERCHANT);
        }
    }

    private final ScopeResolver scopes;
    private final GridNodeService grids;

    ConsoleScopeAdvice(ScopeResolver scopes, GridNodeService grids) {
        this.scopes = scopes;
        this.grids = grids;
    }

    @ModelAttribute("may")
    ConsoleAccess may(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof ScopedPrincipal principal
                ? ConsoleAccess.of(principal.role()) : ConsoleAccess.NONE;
    }

    /** The left menu: the module groups with the entries the user's role may open. */
    @ModelAttribute("menu")
    List<ConsoleMenu.Group> menu(Authentication authentication) {
        return ConsoleMenu.visibleTo(roleOf(authentication));
    }

    /** The breadcrumb of the page: module and menu entry under home (null on home and pages outside the menu). */
    @ModelAttribute("crumb")
    ConsoleMenu.Crumb crumb(Authentication authentication, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ConsoleMenu.crumbOf(ConsoleMenu.visibleTo(roleOf(authentication)), path);
    }

    /** Links to this page with one parameter changed and the others (filters) kept: pager and language switch. */
    @ModelAttribute("links")
    ConsoleLinks links(HttpServletRequest request) {
        return ConsoleLinks.of(request.getRequestURI(), "GET".equals(request.getMethod()) ? request.getQueryString()
                : null);
    }

    /** The language switch's link: this page with its query parameters kept and only {@code lang} changed. */
    @ModelAttribute("otherLanguageUrl")
    String otherLanguageUrl(HttpServletRequest request, Locale locale) {
        return links(request).with("lang", "en".equals(locale.getLanguage()) ? "zh_CN" : "en");
    }

    private static Role roleOf(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof ScopedPrincipal principal
                ? principal.role() : null;
    }

    @ModelAttribute("scopeLabel")
    ScopeLabel scopeLabel(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof ScopedPrincipal principal)) {
            return null;
        }
        DataScope scope = scopes.resolve(principal);
        String name = scope.kind() == DataScope.Kind.SUBTREE ? grids.get(scope.nodeId()).name() : null;
        return new ScopeLabel(scope.kind().name(), name);
    }
}
