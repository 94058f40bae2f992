package org.gridgov.identity.web;

import java.net.URI;

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

import org.gridgov.identity.AccountService;
import org.gridgov.identity.AccountView;
import org.gridgov.identity.CreateAccountCommand;
import org.gridgov.shared.security.Role;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.web.ETags;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Accounts, as managers (system admins, district/street officers, community workers) manage them. */
@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts", description = "Users, roles and scopes; lock-out and password resets")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    record CreateAccountRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.@-]{3,64}", message = "3 to 64 letters, digits or _.@-")
            @Schema(example = "wang.jianguo") String username,
            @NotBlank @Size(max = 100) @Schema(example = "王建国") String displayName,
            @Pattern(regexp = "\\+?[0-9-]{5,20}", message = "digits, '-' and an optional leading '+'")
            @Schema(example = "13981002000") String phone,
            @NotBlank @Size(min = 10, max = 128)
            @Schema(description = "at least 10 characters, not the username, not a common password",
                    example = "Sanyiqiao#2026") String password,
            @NotNull Role role,
            @Schema(description = "the grid node the account is bound to (grid and officer roles)", example = "7")
            Long scopeNodeId,
            @Schema(description = "the department (DEPARTMENT_STAFF only)") Long departmentId,
            @Schema(description = "the partner (MERCHANT only)") Long partnerId) {
    }

    record AssignRequest(@NotNull Role role,
            @Schema(description = "the grid node (grid and officer roles)") Long scopeNodeId,
            @Schema(description = "the department (DEPARTMENT_STAFF only)", example = "1") Long departmentId,
            @Schema(description = "the partner (MERCHANT only)") Long partnerId) {
    }

    record ResetPasswordRequest(@NotBlank @Size(min = 10, max = 128)
            @Schema(description = "at least 10 characters, not the username, not a common password",
                    example = "Dongsheng@2026") String password) {
    }

    @GetMapping
    @Operation(summary = "Accounts in my scope", description = "Accounts bound to grids inside the caller's part of "
            + "the tree (city-wide callers: all), filtered by `q` on username or display name.")
    PageResult<AccountView> list(@RequestParam(required = false) @Size(max = 64) String q,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return accounts.list(q, page, size);
    }

    @PostMapping
    @Operation(summary = "Create an account", description = "Only roles below the caller's and only inside the "
            + "caller's scope (403 identity.role-not-grantable, 422 identity.scope-outside). Honours Idempotency-Key.")
    ResponseEntity<AccountView> create(@Valid @RequestBody CreateAccountRequest request,
            @AuthenticationPrincipal ScopedPrincipal manager) {
        AccountView view = accounts.create(new CreateAccountCommand(request.username(), request.displayName(),
                request.phone(), request.password(), request.role(), request.scopeNodeId(), request.departmentId(),
                request.partnerId()), manager);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + view.id())).eTag(ETags.of(view.version()))
            .body(view);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an account", description = "404 outside the caller's scope.")
    ResponseEntity<AccountView> get(@PathVariable long id) {
        AccountView view = accounts.get(id);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PutMapping("/{id}/role")
    @Operation(summary = "Assign role and scope", description = "Not one's own. Ends the account's API logins. "
            + "Requires If-Match.")
    ResponseEntity<AccountView> assign(@PathVariable long id, @Valid @RequestBody AssignRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal ScopedPrincipal manager) {
        AccountView view = accounts.assign(id, request.role(), request.scopeNodeId(), request.departmentId(),
                request.partnerId(), ETags.requireVersion(ifMatch), manager);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/{id}/lock")
    @Operation(summary = "Lock an account", description = "Until unlocked; ends its API logins.")
    AccountView lock(@PathVariable long id, @AuthenticationPrincipal ScopedPrincipal manager) {
        return accounts.lock(id, manager);
    }

    @PostMapping("/{id}/unlock")
    @Operation(summary = "Unlock an account", description = "Also clears a lock-out after failed logins.")
    AccountView unlock(@PathVariable long id, @AuthenticationPrincipal ScopedPrincipal manager) {
        return accounts.unlock(id, manager);
    }

    @PostMapping("/{id}/password")
    @Operation(summary = "Reset a password", description = "Sets a new password, unlocks, ends the API logins.")
    AccountView resetPassword(@PathVariable long id, @Valid @RequestBody ResetPasswordRequest request,
            @AuthenticationPrincipal ScopedPrincipal manager) {
        return accounts.resetPassword(id, request.password(), manager);
    }
}
