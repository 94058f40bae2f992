package org.gridgov.identity.internal;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

import org.gridgov.shared.security.Role;

/** Accounts; the scoped list is {@link VisibleAccounts}. */
public interface AccountRepository extends JpaRepository<Account, Long>, VisibleAccounts {

    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByRole(Role role);

    boolean existsByPhone(String phone);
}
