package org.gridgov.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.gridgov.identity.AccountService;
import org.gridgov.shared.security.Role;
import org.gridgov.identity.ScopeResolver;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.scope.DataScope;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in caller: who they are, their scope, their password. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity", description = "The signed-in account")
class MeController {

    private final AccountService accounts;
    private final ScopeResolver scopes;

    MeController(AccountService accounts, ScopeResolver scopes) {
        this.accounts = accounts;
        this.scopes = scopes;
    }

    /** The caller: name, role and the grid their scope starts at (null: city-wide or none). */
    record MeView(String username, Role role, java.util.List<String> roles, String scope, Long scopeNodeId) {
    }

    record ChangePasswordRequest(@NotBlank @Size(max = 128) @Schema(example = "gridgov-demo") String currentPassword,
            @NotBlank @Size(min = 10, max = 128)
            @Schema(description = "at least 10 characters, not the username, not a common password",
                    example = "Dongsheng@2026") String newPassword) {
    }

    @GetMapping
    @Operation(summary = "Who am I", description = "Username, role and data scope (ALL, SUBTREE or NONE).")
    MeView me(@AuthenticationPrincipal ScopedPrincipal principal) {
        DataScope scope = scopes.resolve(principal);
        return new MeView(principal.name(), principal.role(), java.util.List.of(principal.role().name()),
                scope.kind().name(), scope.nodeId());
    }

    @PostMapping("/password")
    @Operation(summary = "Change my password", description = "Proves the current password; ends the other API logins.")
    ResponseEntity<Void> changePassword(@Valid @RequestBody ChangePasswordRequest request,
            @AuthenticationPrincipal ScopedPrincipal principal) {
        if (principal.accountId() == null) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "identity.client-password",
                    "Integrator clients have secrets, not passwords");
        }
        accounts.changeOwnPassword(principal.accountId(), request.currentPassword(), request.newPassword());
        return ResponseEntity.noContent().build();
    }
}
