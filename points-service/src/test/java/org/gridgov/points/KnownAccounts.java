package org.gridgov.points;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gridgov.shared.people.AccountDirectory;
import org.gridgov.shared.security.Role;
import org.gridgov.testsupport.TestCaller;
import org.springframework.stereotype.Component;

/**
 * The accounts of the points module's own tests: identity is not part of the module's test application (its
 * {@code AccountDirectory} answers in the web app, where {@code PointsPlatformIT} uses the real one), so a test
 * registers the {@link TestCaller}s that exist — everyone it calls as, or grants to — and nothing else does.
 */
@Component
public class KnownAccounts implements AccountDirectory {

    private final Map<Long, AccountFacts> accounts = new ConcurrentHashMap<>();

    /** Makes this caller an existing, active account (its username as display name). */
    public TestCaller register(TestCaller caller) {
        accounts.put(caller.accountId(), new AccountFacts(caller.accountId(), Role.valueOf(caller.role()),
                caller.scopeNodeId(), "名" + caller.username(), true));
        return caller;
    }

    public void disable(long accountId) {
        accounts.computeIfPresent(accountId, (id, a) -> new AccountFacts(id, a.role(), a.scopeNodeId(),
                a.displayName(), false));
    }

    @Override
    public Optional<AccountFacts> account(long accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public List<AccountFacts> accounts(Collection<Long> accountIds) {
        return accountIds.stream().map(accounts::get).filter(Objects::nonNull).toList();
    }

    @Override
    public List<AccountFacts> boundTo(Role role, long nodeId) {
        return accounts.values().stream()
            .filter(a -> a.active() && a.role() == role && a.scopeNodeId() != null && a.scopeNodeId() == nodeId)
            .sorted(java.util.Comparator.comparingLong(AccountFacts::id)).toList();
    }
}
