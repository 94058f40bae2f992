package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.io.Serial;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import org.gridgov.identity.internal.Account;

/** A logged-in account (console session or API token). */
public final class AccountPrincipal implements UserDetails, CredentialsContainer, ScopedPrincipal {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String username;
    private final String displayName;
    private final Role role;
    private final Long scopeNodeId;
    private final Long departmentId;
    private final Long partnerId;
    private final boolean enabled;
    private final boolean locked;
    private String passwordHash;

    AccountPrincipal(long id, String username, String displayName, Role role, Long scopeNodeId, Long departmentId,
            Long partnerId, boolean enabled, boolean locked, String passwordHash) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.scopeNodeId = scopeNodeId;
        this.departmentId = departmentId;
        this.partnerId = partnerId;
        this.enabled = enabled;
        this.locked = locked;
        this.passwordHash = passwordHash;
    }

    static AccountPrincipal of(Account account, Instant now) {
        return new AccountPrincipal(account.getId(), account.getUsername(), account.getDisplayName(), account.getRole(),
                account.getScopeNodeId(), account.getDepartmentId(), account.getPartnerId(),
                account.getStatus() == Account.Status.ACTIVE, account.lockedAt(now), account.getPasswordHash());
    }

    @Override
    public Long accountId() {
        return id;
    }

    @Override
    public String name() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public Long scopeNodeId() {
        return scopeNodeId;
    }

    @Override
    public Long departmentId() {
        return departmentId;
    }

    @Override
    public Long partnerId() {
        return partnerId;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return username + " (" + role + ")";
    }
}
