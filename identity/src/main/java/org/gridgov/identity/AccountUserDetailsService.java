package org.gridgov.identity;

import java.time.Clock;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.gridgov.identity.internal.AccountRepository;

/**
 * Accounts for Spring Security's password login (console form and the token endpoint). An unknown user gets the
 * same answer, in about the same time, as a wrong password: DaoAuthenticationProvider hides the difference and
 * still runs the password encoder. An unknown username that has failed as often as a real account may is locked
 * like one ({@link UnknownUsernameLockout}): it is refused as locked before any password check, as a real locked
 * account is, so "locked" says nothing about whether the account exists.
 */
@Component
class AccountUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;
    private final UnknownUsernameLockout unknownUsernames;
    private final Clock clock;

    AccountUserDetailsService(AccountRepository accounts, UnknownUsernameLockout unknownUsernames) {
        this.accounts = accounts;
        this.unknownUsernames = unknownUsernames;
        this.clock = Clock.systemUTC();
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username).<UserDetails>map(account -> AccountPrincipal.of(account, clock.instant()))
            .orElseGet(() -> {
                if (unknownUsernames.isLocked(username)) {
                    // DaoAuthenticationProvider refuses a locked user before comparing passwords: never matched
                    return User.withUsername(username).password("{noop}!locked").accountLocked(true).build();
                }
                throw new UsernameNotFoundException("unknown user");
            });
    }
}
