package org.gridgov.identity;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.gridgov.identity.internal.AccountRepository;
import org.gridgov.shared.audit.Actor;
import org.gridgov.shared.audit.ActorProvider;
import org.gridgov.shared.audit.AuditLog;

/**
 * Counts failed password logins and locks the account after {@code gridgov.identity.max-failed-attempts} (for
 * {@code lock-duration}); a success resets the count. Every outcome is in the audit log.
 */
@Component
class LoginAttempts {

    private final AccountRepository accounts;
    private final IdentityProperties properties;
    private final AuditLog audit;
    private final ActorProvider actors;
    private final TransactionTemplate transaction;
    private final UnknownUsernameLockout unknownUsernames;
    private final Clock clock = Clock.systemUTC();

    LoginAttempts(AccountRepository accounts, IdentityProperties properties, AuditLog audit, ActorProvider actors,
            TransactionTemplate transaction, UnknownUsernameLockout unknownUsernames) {
        this.accounts = accounts;
        this.unknownUsernames = unknownUsernames;
        this.properties = properties;
        this.audit = audit;
        this.actors = actors;
        this.transaction = transaction;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication().getPrincipal() instanceof AccountPrincipal principal)) {
            return; // password logins only, not each bearer-token request
        }
        transaction.executeWithoutResult(status -> accounts.findById(principal.accountId())
            .ifPresent(account -> account.succeededLogin(clock.instant())));
        audit.record(new Actor(principal.getUsername(), principal.role().name(), ip()), "LOGIN_SUCCEEDED", "account",
                principal.accountId().toString(), null, null);
    }

    @EventListener
    void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        boolean[] locked = new boolean[1];
        boolean known = Boolean.TRUE.equals(transaction.execute(status -> accounts.findByUsername(username)
            .map(account -> {
                locked[0] = account.failedLogin(properties.maxFailedAttempts(), properties.lockDuration(),
                        clock.instant());
                return true;
            }).orElse(false)));
        if (!known) {
            locked[0] = unknownUsernames.failed(username, properties.maxFailedAttempts(), properties.lockDuration());
        }
        audit.record(new Actor(truncate(username), null, ip()), "LOGIN_FAILED", "account", null, null,
                known ? "wrong password" : "unknown user");
        if (locked[0]) {
            audit.record(new Actor(truncate(username), null, ip()), "ACCOUNT_LOCKED", "account", null, null,
                    "locked for " + properties.lockDuration() + " after " + properties.maxFailedAttempts()
                            + " failed logins" + (known ? "" : " (no such account)"));
        }
    }

    @EventListener
    void onLocked(AuthenticationFailureLockedEvent event) {
        audit.record(new Actor(truncate(event.getAuthentication().getName()), null, ip()), "LOGIN_REFUSED_LOCKED",
                "account", null, null, null);
    }

    @EventListener
    void onOtherFailure(AbstractAuthenticationFailureEvent event) {
        // bad credentials and locks are handled above; disabled accounts and the like are logged here
        if (!(event instanceof AuthenticationFailureBadCredentialsEvent)
                && !(event instanceof AuthenticationFailureLockedEvent)) {
            audit.record(new Actor(truncate(event.getAuthentication().getName()), null, ip()), "LOGIN_FAILED",
                    "account", null, null, event.getException().getClass().getSimpleName());
        }
    }

    private String ip() {
        return actors.current().ip();
    }

    private static String truncate(String username) {
        return username == null ? null : username.length() > 64 ? username.substring(0, 64) : username;
    }
}
