package org.gridgov.identity.internal;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import org.gridgov.shared.scope.DataScope;

/** The account list through a data scope (a fragment of {@link AccountRepository}). */
public interface VisibleAccounts {

    /**
     * Accounts visible within a scope, by username: those bound to a grid inside it; city-wide scopes see every
     * account, empty ones none.
     *
     * @param query part of the username or display name, or null for all
     */
    Page<Account> findVisible(DataScope scope, String query, Pageable pageable);
}
