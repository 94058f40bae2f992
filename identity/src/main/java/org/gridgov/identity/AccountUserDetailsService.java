package org.gridgov.identity;

import java.time.Clock;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.gridgov.identity.internal.AccountRepository;

/**
 * Accounts for Spring Security's password login (console form and the token endpoint). An unknown user gets the
 * same answer, in about the same time, as a wrong password: DaoAuthenticationProvider hides the difference and
 * still runs the password encoder.
 */
@Component
class AccountUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;
    private final Clock clock;

    AccountUserDetailsService(AccountRepository accounts) {
        this.accounts = accounts;
        this.clock = Clock.systemUTC();
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username).map(account -> AccountPrincipal.of(account, clock.instant()))
            .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
