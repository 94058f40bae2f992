package org.gridgov.identity.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.gridgov.identity.AuditEventView;
import org.gridgov.identity.AuditQueries;
import org.gridgov.identity.IntegratorClientService;
import org.gridgov.identity.IntegratorClientView;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.shared.PageResult;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log and integrator clients. */
@RestController
class AdministrationController {

    private final AuditQueries audit;
    private final IntegratorClientService clients;

    AdministrationController(AuditQueries audit, IntegratorClientService clients) {
        this.audit = audit;
        this.clients = clients;
    }

    record CreateClientRequest(@NotBlank @Size(max = 100) @Schema(example = "双流区网络理政平台") String name,
            @Schema(description = "limit the client to this grid's subtree; the whole city when omitted", example = "1")
            Long scopeNodeId) {
    }

    @GetMapping("/api/v1/audit-events")
    @Tag(name = "Audit")
    @Operation(summary = "Search the audit log", description = "Newest first; scoped: city-wide callers see all, "
            + "others the events about their part of the tree and their own actions.")
    PageResult<AuditEventView> audit(@RequestParam(required = false) @Size(max = 64) String actor,
            @RequestParam(required = false) @Size(max = 40) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @AuthenticationPrincipal ScopedPrincipal caller) {
        return audit.search(caller.name(), actor, action, from, to, page, size);
    }

    @PostMapping("/api/v1/integrator-clients")
    @Tag(name = "Integrator clients")
    @Operation(summary = "Create an integrator client", description = "The secret is in this answer only: it is "
            + "stored hashed and can never be shown again. Honours Idempotency-Key.")
    ResponseEntity<IntegratorClientView> createClient(@Valid @RequestBody CreateClientRequest request,
            @AuthenticationPrincipal ScopedPrincipal caller) {
        IntegratorClientView created = clients.create(request.name(), request.scopeNodeId(), caller.name());
        return ResponseEntity.created(URI.create("/api/v1/integrator-clients/" + created.clientId())).body(created);
    }

    @GetMapping("/api/v1/integrator-clients")
    @Tag(name = "Integrator clients")
    @Operation(summary = "Integrator clients", description = "Newest first; secrets are never shown.")
    List<IntegratorClientView> clients() {
        return clients.list();
    }

    record Open311Key(String clientId, String apiKey) {
    }

    @PostMapping("/api/v1/integrator-clients/{clientId}/open311-key")
    @Tag(name = "Integrator clients")
    @Operation(summary = "Issue an Open311 api_key", description = "For Open311 GeoReport v2 clients, which "
            + "authenticate with an api_key parameter: the key acts as this integrator client (its scope). A new key "
            + "revokes the previous one; the key is in this answer only.")
    Open311Key issueOpen311Key(@PathVariable String clientId, @AuthenticationPrincipal ScopedPrincipal caller) {
        return new Open311Key(clientId, clients.issueOpen311Key(clientId, caller.name()));
    }

    @PostMapping("/api/v1/integrator-clients/{clientId}/disable")
    @Tag(name = "Integrator clients")
    @Operation(summary = "Disable an integrator client", description = "Its tokens stop working at once.")
    IntegratorClientView disable(@PathVariable String clientId) {
        return clients.disable(clientId);
    }
}
