package org.gridgov.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.gridgov.identity.AccountView;
import org.gridgov.identity.IntegratorClientService;
import org.gridgov.identity.ResidentRegistration;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.identity.TokenPair;
import org.gridgov.identity.TokenService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.gridgov.shared.DomainException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tokens for the mobile app and integrators, and resident self-registration. Public: these are the way in. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication", description = "Access tokens (JWT), rotating refresh tokens, client credentials, "
        + "resident registration")
class AuthController {

    private final AuthenticationManager authentication;
    private final TokenService tokens;
    private final IntegratorClientService clients;
    private final ResidentRegistration registration;

    AuthController(AuthenticationManager authentication, TokenService tokens, IntegratorClientService clients,
            ResidentRegistration registration) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.clients = clients;
        this.registration = registration;
    }

    record PasswordLogin(@NotBlank @Size(max = 64) @Schema(example = "demo.community") String username,
            @NotBlank @Size(max = 128) @Schema(example = "gridgov-demo") String password) {
    }

    record ClientLogin(@NotBlank @Size(max = 64) @Schema(example = "cli_4f8b2c1d9e") String clientId,
            @NotBlank @Size(max = 128) @Schema(description = "shown once, when the client was created",
                    example = "s3cr3t-7Hq9vX2mLp4RtZ8w") String clientSecret) {
    }

    record RefreshRequest(@NotBlank @Size(max = 100) @Schema(description = "from the last token answer; usable once",
            example = "rt_Yc2kM8pQw4ZxN7bVt1LsE9fH") String refreshToken) {
    }

    record CodeRequest(@NotBlank @Pattern(regexp = "1[3-9][0-9]{9}", message = "an 11-digit mainland mobile number")
            @Schema(example = "13812345678") String phone) {
    }

    record RegisterRequest(
            @NotBlank @Pattern(regexp = "1[3-9][0-9]{9}", message = "an 11-digit mainland mobile number")
            @Schema(example = "13812345678") String phone,
            @NotBlank @Pattern(regexp = "[0-9]{6}", message = "six digits")
            @Schema(description = "the code sent by SMS", example = "482913") String code,
            @NotBlank @Size(min = 10, max = 128) @Schema(example = "Sanyiqiao#2026") String password,
            @NotBlank @Size(max = 100) @Schema(example = "三义桥居民李女士") String displayName) {
    }

    @PostMapping("/token")
    @SecurityRequirements
    @Operation(summary = "Log in with username and password", description = "Returns a short-lived JWT access token "
            + "and a refresh token. Wrong password and unknown user get the same 401; 5 failures lock the account "
            + "for 15 minutes (401 with code auth.locked).")
    TokenPair token(@Valid @RequestBody PasswordLogin login) {
        try {
            Authentication authenticated = authentication
                .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(login.username(), login.password()));
            return tokens.issue((ScopedPrincipal) authenticated.getPrincipal());
        }
        catch (LockedException ex) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "auth.locked",
                    "The account is locked after too many failed logins; try again later or ask your manager");
        }
        catch (AuthenticationException ex) {
            throw badCredentials();
        }
    }

    @PostMapping("/client-token")
    @SecurityRequirements
    @Operation(summary = "Integrator client credentials", description = "Client id + secret → an INTEGRATOR access "
            + "token (no refresh token: ask again when it expires).")
    TokenPair clientToken(@Valid @RequestBody ClientLogin login) {
        try {
            return tokens.issueForClient(clients.authenticate(login.clientId(), login.clientSecret()));
        }
        catch (AuthenticationException ex) {
            throw badCredentials();
        }
    }

    @PostMapping("/refresh")
    @SecurityRequirements
    @Operation(summary = "Rotate a refresh token", description = "Returns a new access token and a new refresh "
            + "token; the old refresh token is spent. Presenting a spent one revokes the whole login (401).")
    TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
        try {
            return tokens.refresh(request.refreshToken());
        }
        catch (AuthenticationException ex) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "auth.refresh-invalid",
                    "The refresh token is not valid: " + ex.getMessage() + ". Log in again.");
        }
    }

    /** The same answer for an unknown user and a wrong password. */
    private static DomainException badCredentials() {
        return new DomainException(DomainException.Kind.UNAUTHENTICATED, "auth.bad-credentials",
                "Wrong username or password");
    }

    @PostMapping("/logout")
    @SecurityRequirements
    @Operation(summary = "End a login", description = "Revokes the refresh token and every token rotated from it.")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
        tokens.logout(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/register/code")
    @SecurityRequirements
    @Operation(summary = "Send a registration code", description = "Sends a six-digit code to the phone (valid 10 "
            + "minutes; one per minute).")
    ResponseEntity<Void> registrationCode(@Valid @RequestBody CodeRequest request) {
        registration.requestCode(request.phone());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/register")
    @SecurityRequirements
    @Operation(summary = "Register as a resident", description = "With the code sent to the phone; the phone becomes "
            + "the username.")
    ResponseEntity<AccountView> register(@Valid @RequestBody RegisterRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(registration.register(request.phone(), request.code(),
                request.password(), request.displayName()));
    }
}
