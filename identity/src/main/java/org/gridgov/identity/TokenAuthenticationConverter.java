package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.gridgov.shared.cluster.ClusterEvents;
import org.gridgov.shared.cluster.ClusterListener;

import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Turns a verified access token into the request's principal. The token says who; the database says what they may
 * do now: the account's current role and binding, so a locked or disabled account, or a changed role or scope, takes
 * effect at once rather than when the token expires. The account row read is kept on this node (no statement per
 * request) until the account changes: a trigger on {@code account} announces every change of status, lock, role,
 * binding or name on the cluster channel {@value #CHANNEL} at its commit (see {@code V2026_12_14_1002}), and every
 * node drops what it keeps when it arrives — typically within milliseconds; at most {@link #MAX_AGE} should the
 * notification be lost with the listening connection (every node drops everything when it listens again). Nothing is
 * kept while the node does not listen to the channel.
 */
@Component
class TokenAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String CHANNEL = "account_changed";
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final int MAX_KEPT = 100_000;

    /** An account as read: its principal, or why it may not act (disabled, locked until). */
    private record Kept(TokenPrincipal principal, boolean disabled, Instant lockedUntil, long generation,
            long readAt) {
    }

    private final JdbcTemplate jdbc;
    private final ClusterEvents cluster;
    private final Map<Long, Kept> accounts = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    TokenAuthenticationConverter(JdbcTemplate jdbc, ClusterEvents cluster) {
        this.jdbc = jdbc;
        this.cluster = cluster;
        cluster.subscribe(CHANNEL, new ClusterListener() {
            @Override
            public void onEvent(String accountId) {
                forget();
            }

            @Override
            public void onResynchronise() {
                forget();
            }
        });
    }

    /**
     * This node's own change of an account: dropped right after its commit too, so the writer's next request sees it
     * without waiting for the notification.
     */
    void changed() {
        ClusterEvents.afterCommit(this::forget);
    }

    private void forget() {
        generation.incrementAndGet();
        accounts.clear();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Object accountClaim = jwt.getClaim("aid");
        return new TokenAuthentication(accountClaim == null ? client(jwt) : account(jwt, ((Number) accountClaim).longValue()),
                jwt);
    }

    private TokenPrincipal account(Jwt jwt, long accountId) {
        Kept kept = kept(accountId);
        if (kept == null || !kept.principal().name().equals(jwt.getSubject())) {
            throw new DisabledException("unknown account");
        }
        if (kept.disabled()) {
            throw new DisabledException("account disabled");
        }
        if (kept.lockedUntil() != null && kept.lockedUntil().isAfter(Instant.now())) {
            throw new LockedException("account locked");
        }
        return kept.principal();
    }

    private Kept kept(long accountId) {
        long seen = generation.get();
        long now = System.nanoTime();
        Kept kept = accounts.get(accountId);
        if (kept != null && kept.generation() == seen && now - kept.readAt() < MAX_AGE.toNanos()) {
            return kept;
        }
        List<Kept> found = jdbc.query("""
                select username, role, scope_node_id, department_id, partner_id, status, locked_until
                  from account where id = ?""", (rs, row) -> {
            Timestamp lockedUntil = rs.getTimestamp("locked_until");
            return new Kept(new TokenPrincipal(accountId, rs.getString("username"), Role.valueOf(rs.getString("role")),
                    nullableLong(rs, "scope_node_id"), nullableLong(rs, "department_id"),
                    nullableLong(rs, "partner_id")), !"ACTIVE".equals(rs.getString("status")),
                    lockedUntil == null ? null : lockedUntil.toInstant(), seen, now);
        }, accountId);
        if (found.isEmpty()) {
            return null;
        }
        // a change announced while it was read bumped the generation: what was read is not kept under the old one
        if (cluster.listening(CHANNEL) && generation.get() == seen) {
            if (accounts.size() >= MAX_KEPT) {
                accounts.clear();
            }
            accounts.put(accountId, found.get(0));
        }
        return found.get(0);
    }

    private TokenPrincipal client(Jwt jwt) {
        List<TokenPrincipal> found = jdbc.query("""
                select client_id, scope_node_id from integrator_client where client_id = ? and status = 'ACTIVE'""",
                (rs, row) -> new TokenPrincipal(null, rs.getString("client_id"), Role.INTEGRATOR,
                        nullableLong(rs, "scope_node_id"), null, null), jwt.getSubject());
        if (found.isEmpty()) {
            throw new DisabledException("unknown or disabled client");
        }
        return found.get(0);
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
