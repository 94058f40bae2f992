package org.gridgov.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts and locks failed logins for usernames that have no account, exactly as {@code Account.failedLogin} does for
 * real ones: after {@code max-failed-attempts} failures the name answers {@code auth.locked} for
 * {@code lock-duration}. Without this, "locked" would be said only of real accounts, and five wrong tries would tell
 * anyone which usernames exist. Only a SHA-256 of the name is stored; counts untouched for 30 days are forgotten.
 */
@Component
class UnknownUsernameLockout {

    private static final Duration FORGET_AFTER = Duration.ofDays(30);

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    UnknownUsernameLockout(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this (unknown) username is locked now. */
    @Transactional(readOnly = true)
    public boolean isLocked(String username) {
        Integer locked = jdbc.queryForObject("select count(*) from login_failure where username_hash = ? "
                + "and locked_until > ?", Integer.class, hash(username), Timestamp.from(clock.instant()));
        return locked != null && locked > 0;
    }

    /** Counts a failed login for an unknown username; true when this failure locked it. */
    @Transactional
    public boolean failed(String username, int maxAttempts, Duration lockDuration) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("delete from login_failure where last_failed_at < ?",
                Timestamp.from(clock.instant().minus(FORGET_AFTER)));
        // an expired lock starts a fresh count, as for a real account
        Map<String, Object> row = jdbc.queryForMap("""
                insert into login_failure as f (username_hash, failed_attempts, locked_until, last_failed_at)
                values (?, 1, null, ?)
                on conflict (username_hash) do update set
                    failed_attempts = case when f.locked_until is not null and f.locked_until <= excluded.last_failed_at
                                           then 1 else f.failed_attempts + 1 end,
                    locked_until = case when f.locked_until is not null and f.locked_until <= excluded.last_failed_at
                                        then null else f.locked_until end,
                    last_failed_at = excluded.last_failed_at
                returning failed_attempts""", hash(username), now);
        if (((Number) row.get("failed_attempts")).intValue() >= maxAttempts) {
            Instant until = clock.instant().plus(lockDuration);
            jdbc.update("update login_failure set locked_until = ? where username_hash = ?", Timestamp.from(until),
                    hash(username));
            return true;
        }
        return false;
    }

    private static byte[] hash(String username) {
        try {
            return MessageDigest.getInstance("SHA-256")
                .digest(String.valueOf(username).getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
