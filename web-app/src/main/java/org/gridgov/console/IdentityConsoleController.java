package org.gridgov.console;

import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.gridgov.identity.AccountService;
import org.gridgov.identity.AuditQueries;
import org.gridgov.identity.CreateAccountCommand;
import org.gridgov.shared.security.Role;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.shared.DomainException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages of identity: my account, users (managers), the audit log (managers). */
@Controller
class IdentityConsoleController {

    private static final ZoneId CHINA = ConsoleTimes.ZONE;

    private final AccountService accounts;
    private final AuditQueries audit;
    private final GridNodePicker nodes;

    IdentityConsoleController(AccountService accounts, AuditQueries audit, GridNodePicker nodes) {
        this.accounts = accounts;
        this.audit = audit;
        this.nodes = nodes;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal ScopedPrincipal me, Model model) {
        model.addAttribute("me", me);
        return "identity/account";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal ScopedPrincipal me, @RequestParam String currentPassword,
            @RequestParam String newPassword, RedirectAttributes redirect) {
        try {
            accounts.changeOwnPassword(me.accountId(), currentPassword, newPassword);
            redirect.addFlashAttribute("message", "identity.account.password.changed");
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/account";
    }

    @GetMapping("/admin/users")
    @ManagersOnly
    String users(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            @AuthenticationPrincipal ScopedPrincipal me, Model model) {
        model.addAttribute("q", q);
        var users = accounts.list(q, Math.max(0, page), 50);
        model.addAttribute("users", users);
        model.addAttribute("nodeLabels", nodes.labels(users.items().stream().map(u -> u.scopeNodeId()).toList()));
        model.addAttribute("grantable", me.role().mayGrant());
        return "identity/users";
    }

    @PostMapping("/admin/users")
    @ManagersOnly
    String createUser(@RequestParam String username, @RequestParam String displayName,
            @RequestParam(required = false) String phone, @RequestParam String password, @RequestParam Role role,
            @RequestParam(required = false) Long scopeNodeId, @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) Long partnerId, @AuthenticationPrincipal ScopedPrincipal me,
            RedirectAttributes redirect) {
        return act(redirect, "identity.users.created", () -> accounts.create(new CreateAccountCommand(username.trim(),
                displayName.trim(), phone == null || phone.isBlank() ? null : phone.trim(), password, role, scopeNodeId,
                departmentId, partnerId), me));
    }

    @PostMapping("/admin/users/{id}/role")
    @ManagersOnly
    String assign(@PathVariable long id, @RequestParam Role role, @RequestParam(required = false) Long scopeNodeId,
            @RequestParam(required = false) Long departmentId, @RequestParam(required = false) Long partnerId,
            @RequestParam long version, @AuthenticationPrincipal ScopedPrincipal me, RedirectAttributes redirect,
            HttpServletRequest request) {
        keepListState(request, redirect);
        return act(redirect, "identity.users.assigned",
                () -> accounts.assign(id, role, scopeNodeId, departmentId, partnerId, version, me));
    }

    @PostMapping("/admin/users/{id}/lock")
    @ManagersOnly
    String lock(@PathVariable long id, @AuthenticationPrincipal ScopedPrincipal me, RedirectAttributes redirect,
            HttpServletRequest request) {
        keepListState(request, redirect);
        return act(redirect, null, () -> accounts.lock(id, me));
    }

    @PostMapping("/admin/users/{id}/unlock")
    @ManagersOnly
    String unlock(@PathVariable long id, @AuthenticationPrincipal ScopedPrincipal me, RedirectAttributes redirect,
            HttpServletRequest request) {
        keepListState(request, redirect);
        return act(redirect, null, () -> accounts.unlock(id, me));
    }

    @PostMapping("/admin/users/{id}/password")
    @ManagersOnly
    String resetPassword(@PathVariable long id, @RequestParam String password,
            @AuthenticationPrincipal ScopedPrincipal me, RedirectAttributes redirect, HttpServletRequest request) {
        keepListState(request, redirect);
        return act(redirect, null, () -> accounts.resetPassword(id, password, me));
    }

    @GetMapping("/admin/audit")
    @ManagersOnly
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @AuthenticationPrincipal ScopedPrincipal me, Model model) {
        Instant fromInstant = from == null ? null : from.atStartOfDay(CHINA).toInstant();
        Instant toInstant = to == null ? null : to.plusDays(1).atStartOfDay(CHINA).toInstant();
        model.addAttribute("events", audit.search(me.name(), actor, action, fromInstant, toInstant, Math.max(0, page),
                100));
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "identity/audit";
    }

    /**
     * A row's action returns to the list as it was: its search and page travel in the form's action URL, so the
     * account just changed is still in sight (the list is paged).
     */
    private static void keepListState(HttpServletRequest request, RedirectAttributes redirect) {
        String q = request.getParameter("q");
        if (q != null && !q.isBlank()) {
            redirect.addAttribute("q", q);
        }
        String page = request.getParameter("page");
        if (page != null && page.matches("[1-9][0-9]{0,6}")) {
            redirect.addAttribute("page", page);
        }
    }

    private static String act(RedirectAttributes redirect, String successMessage, Runnable action) {
        try {
            action.run();
            if (successMessage != null) {
                redirect.addFlashAttribute("message", successMessage);
            }
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/admin/users";
    }
}
