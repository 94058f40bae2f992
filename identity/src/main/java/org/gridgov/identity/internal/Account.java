package org.gridgov.identity.internal;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.gridgov.shared.security.Role;

/** A login of the platform, with its role, its binding (scope node, department, partner) and its lock-out state. */
@Entity
@Table(name = "account")
public class Account {

    public enum Status {
        ACTIVE, DISABLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;

    private String displayName;

    private String phone;

    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private Role role;

    private Long scopeNodeId;

    private Long departmentId;

    private Long partnerId;

    @Enumerated(EnumType.STRING)
    private Status status;

    private int failedAttempts;

    private Instant lockedUntil;

    private Instant lastLoginAt;

    private Instant passwordChangedAt;

    @Version
    private long version;

    private Instant createdAt;

    protected Account() {
    }

    public Account(String username, String displayName, String phone, String passwordHash, Role role, Long scopeNodeId,
            Long departmentId, Long partnerId, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.phone = phone;
        this.passwordHash = passwordHash;
        this.role = role;
        this.scopeNodeId = scopeNodeId;
        this.departmentId = departmentId;
        this.partnerId = partnerId;
        this.status = Status.ACTIVE;
        this.passwordChangedAt = now;
        this.createdAt = now;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Counts a failed login; at {@code maxAttempts} the account locks for {@code lockDuration}. */
    public boolean failedLogin(int maxAttempts, Duration lockDuration, Instant now) {
        if (lockedUntil != null && !lockedUntil.isAfter(now)) {
            failedAttempts = 0; // an expired lock starts a fresh count
            lockedUntil = null;
        }
        failedAttempts++;
        if (failedAttempts >= maxAttempts) {
            lockedUntil = now.plus(lockDuration);
            return true;
        }
        return false;
    }

    public void succeededLogin(Instant now) {
        failedAttempts = 0;
        lockedUntil = null;
        lastLoginAt = now;
    }

    public void lock(Instant until) {
        lockedUntil = until;
    }

    public void unlock() {
        lockedUntil = null;
        failedAttempts = 0;
    }

    public void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
    }

    public void assign(Role role, Long scopeNodeId, Long departmentId, Long partnerId) {
        this.role = role;
        this.scopeNodeId = scopeNodeId;
        this.departmentId = departmentId;
        this.partnerId = partnerId;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPhone() {
        return phone;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public Long getScopeNodeId() {
        return scopeNodeId;
    }

    public Long getDepartmentId() {
        return departmentId;
    }

    public Long getPartnerId() {
        return partnerId;
    }

    public Status getStatus() {
        return status;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
