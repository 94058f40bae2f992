package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.PageRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.gridgov.identity.internal.Account;
import org.gridgov.identity.internal.AccountMapper;
import org.gridgov.identity.internal.AccountRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.Versions;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;

/**
 * Account management. A manager may grant only the roles below their own ({@link Role#mayGrant()}) and only inside
 * their own part of the tree, never change their own role or scope, and sees only the accounts bound inside their
 * scope. Every change is audited; a lock, a reset password or a new role ends the account's API logins.
 */
@Service
@Transactional(readOnly = true)
public class AccountService {

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final DataScopeProvider scopes;
    private final ScopeResolver resolver;
    private final TokenService tokens;
    private final AuditLog audit;
    private final AccountMapper mapper;
    private final TokenAuthenticationConverter principals;
    private final Clock clock = Clock.systemUTC();

    AccountService(AccountRepository accounts, PasswordEncoder encoder, DataScopeProvider scopes, ScopeResolver resolver,
            TokenService tokens, AuditLog audit, AccountMapper mapper, TokenAuthenticationConverter principals) {
        this.principals = principals;
        this.accounts = accounts;
        this.mapper = mapper;
        this.encoder = encoder;
        this.scopes = scopes;
        this.resolver = resolver;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional
    public AccountView create(CreateAccountCommand command, ScopedPrincipal manager) {
        if (SystemAuthentication.NAME.equalsIgnoreCase(command.username())) {
            throw DomainException.invalidField("identity.username.reserved", "username", "This username is reserved");
        }
        if (accounts.existsByUsername(command.username())) {
            throw DomainException.conflict("identity.username.taken", "The username " + command.username() + " is taken");
        }
        if (command.phone() != null && accounts.existsByPhone(command.phone())) {
            throw DomainException.conflict("identity.phone.taken", "Another account uses this phone number");
        }
        PasswordPolicy.require(command.password(), command.username(), "password");
        requireGrantable(manager, command.role(), command.scopeNodeId(), command.departmentId(), command.partnerId());
        Account account = accounts.save(new Account(command.username(), command.displayName(), command.phone(),
                encoder.encode(command.password()), command.role(), command.scopeNodeId(), command.departmentId(),
                command.partnerId(), clock.instant()));
        audit.record("ACCOUNT_CREATED", "account", account.getId().toString(), scopePath(account),
                "role " + account.getRole() + (account.getScopeNodeId() == null ? "" : " at grid " + account.getScopeNodeId()));
        return view(account);
    }

    public PageResult<AccountView> list(String query, int page, int size) {
        DataScope scope = scopes.current();
        if (scope.kind() == DataScope.Kind.NONE) {
            return new PageResult<>(List.of(), page, size, 0, 0);
        }
        return PageResult.of(accounts.findVisible(scope, query == null || query.isBlank() ? null : query.trim(),
                PageRequest.of(page, size)), this::view);
    }

    public AccountView get(long id) {
        return view(visible(id));
    }

    @Transactional
    public AccountView assign(long id, Role role, Long scopeNodeId, Long departmentId, Long partnerId,
            long expectedVersion, ScopedPrincipal manager) {
        Account account = visible(id);
        Versions.requireCurrent(account.getVersion(), expectedVersion, "Account " + account.getUsername());
        if (account.getId().equals(manager.accountId())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "identity.self-assignment",
                    "You cannot change your own role or scope");
        }
        requireGrantable(manager, account.getRole(), account.getScopeNodeId(), account.getDepartmentId(),
                account.getPartnerId());
        requireGrantable(manager, role, scopeNodeId, departmentId, partnerId);
        Role before = account.getRole();
        account.assign(role, scopeNodeId, departmentId, partnerId);
        accounts.saveAndFlush(account);
        principals.changed();
        tokens.revokeAll(id);
        audit.record("ROLE_CHANGED", "account", String.valueOf(id), scopePath(account),
                before + " → " + role + (scopeNodeId == null ? "" : " at grid " + scopeNodeId));
        return view(account);
    }

    @Transactional
    public AccountView lock(long id, ScopedPrincipal manager) {
        Account account = managed(id, manager);
        account.lock(clock.instant().plus(java.time.Duration.ofDays(36500)));
        principals.changed();
        tokens.revokeAll(id);
        audit.record("ACCOUNT_LOCKED", "account", String.valueOf(id), scopePath(account), "by a manager");
        return view(accounts.saveAndFlush(account));
    }

    @Transactional
    public AccountView unlock(long id, ScopedPrincipal manager) {
        Account account = managed(id, manager);
        account.unlock();
        principals.changed();
        audit.record("ACCOUNT_UNLOCKED", "account", String.valueOf(id), scopePath(account), null);
        return view(accounts.saveAndFlush(account));
    }

    @Transactional
    public AccountView resetPassword(long id, String newPassword, ScopedPrincipal manager) {
        Account account = managed(id, manager);
        PasswordPolicy.require(newPassword, account.getUsername(), "password");
        account.changePassword(encoder.encode(newPassword), clock.instant());
        account.unlock();
        principals.changed();
        tokens.revokeAll(id);
        audit.record("PASSWORD_RESET", "account", String.valueOf(id), scopePath(account), "by a manager");
        return view(accounts.saveAndFlush(account));
    }

    /** The caller changes their own password, proving the current one. */
    @Transactional
    public void changeOwnPassword(long accountId, String currentPassword, String newPassword) {
        Account account = accounts.findById(accountId)
            .orElseThrow(() -> DomainException.notFound("identity.account.not-found", "No such account"));
        if (currentPassword == null || !encoder.matches(currentPassword, account.getPasswordHash())) {
            throw DomainException.invalidField("identity.password.wrong", "currentPassword",
                    "The current password is wrong");
        }
        PasswordPolicy.require(newPassword, account.getUsername(), "newPassword");
        account.changePassword(encoder.encode(newPassword), clock.instant());
        accounts.saveAndFlush(account);
        tokens.revokeAll(accountId);
        audit.record("PASSWORD_CHANGED", "account", String.valueOf(accountId), scopePath(account), null);
    }

    public Optional<AccountView> byUsername(String username) {
        return accounts.findByUsername(username).map(this::view);
    }

    private Account managed(long id, ScopedPrincipal manager) {
        Account account = visible(id);
        if (account.getId().equals(manager.accountId())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "identity.self-management",
                    "You cannot lock, unlock or reset your own account here");
        }
        requireGrantable(manager, account.getRole(), account.getScopeNodeId(), account.getDepartmentId(),
                account.getPartnerId());
        return account;
    }

    private Account visible(long id) {
        DataScope scope = scopes.current();
        return accounts.findById(id).filter(account -> scope.isAll()
                || account.getScopeNodeId() != null && scope.covers(resolver.pathOf(account.getScopeNodeId())))
            .orElseThrow(() -> DomainException.notFound("identity.account.not-found", "No account " + id));
    }

    /** The manager may hand out this role with this binding: a role below theirs, inside their own scope. */
    private void requireGrantable(ScopedPrincipal manager, Role role, Long scopeNodeId, Long departmentId,
            Long partnerId) {
        if (role == null) {
            throw DomainException.invalidField("field.required", "role", "role is required");
        }
        if (!manager.role().mayGrant().contains(role)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "identity.role-not-grantable",
                    "A " + manager.role() + " may not grant the role " + role,
                    List.of(new org.gridgov.shared.FieldViolation("role", "identity.role-not-grantable",
                            "not grantable by " + manager.role())));
        }
        if (role.needsScopeNode() && scopeNodeId == null) {
            throw DomainException.invalidField("identity.scope-required", "scopeNodeId",
                    "A " + role + " must be bound to a grid");
        }
        if (role == Role.DEPARTMENT_STAFF && departmentId == null) {
            throw DomainException.invalidField("identity.department-required", "departmentId",
                    "Department staff must be bound to a department");
        }
        if (role == Role.MERCHANT && partnerId == null) {
            throw DomainException.invalidField("identity.partner-required", "partnerId",
                    "A merchant must be bound to a partner");
        }
        DataScope managerScope = resolver.resolve(manager);
        if (scopeNodeId != null) {
            String path = resolver.pathOf(scopeNodeId);
            if (path == null || !managerScope.covers(path)) {
                throw DomainException.ruleViolation("identity.scope-outside", "scopeNodeId",
                        "Grid " + scopeNodeId + " is not inside your part of the tree");
            }
        }
        else if (!managerScope.isAll()) {
            throw DomainException.ruleViolation("identity.scope-outside", "scopeNodeId",
                    "Only a city-wide account may create accounts without a grid");
        }
    }

    private String scopePath(Account account) {
        return account.getScopeNodeId() == null ? null : resolver.pathOf(account.getScopeNodeId());
    }

    private AccountView view(Account account) {
        return mapper.toView(account, clock.instant());
    }
}
