package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Turns a verified access token into the request's principal. The token says who; the database says what they may
 * do now: the account's current role and binding are read on every request (one indexed lookup), so a locked or
 * disabled account, or a changed role or scope, takes effect immediately rather than when the token expires.
 */
@Component
class TokenAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final JdbcTemplate jdbc;

    TokenAuthenticationConverter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Object accountClaim = jwt.getClaim("aid");
        return new TokenAuthentication(accountClaim == null ? client(jwt) : account(jwt, ((Number) accountClaim).longValue()),
                jwt);
    }

    private TokenPrincipal account(Jwt jwt, long accountId) {
        List<TokenPrincipal> found = jdbc.query("""
                select username, role, scope_node_id, department_id, partner_id, status, locked_until
                  from account where id = ?""", (rs, row) -> {
            if (!"ACTIVE".equals(rs.getString("status"))) {
                throw new DisabledException("account disabled");
            }
            Timestamp lockedUntil = rs.getTimestamp("locked_until");
            if (lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now())) {
                throw new LockedException("account locked");
            }
            return new TokenPrincipal(accountId, rs.getString("username"), Role.valueOf(rs.getString("role")),
                    nullableLong(rs, "scope_node_id"), nullableLong(rs, "department_id"), nullableLong(rs, "partner_id"));
        }, accountId);
        if (found.isEmpty() || !found.get(0).name().equals(jwt.getSubject())) {
            throw new DisabledException("unknown account");
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
