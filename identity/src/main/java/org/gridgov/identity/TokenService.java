package org.gridgov.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.gridgov.identity.internal.AccountRepository;
import org.gridgov.shared.audit.Actor;
import org.gridgov.shared.audit.AuditLog;

/**
 * Issues access tokens (JWT, signed with {@link SigningKeys}) and rotating refresh tokens. A refresh token is good
 * for one use: using it returns a new pair in the same family; presenting a token that was already used means it
 * leaked, and the whole family is revoked (the thief and the owner both have to log in again).
 */
@Service
public class TokenService {

    static final String ISSUER = "gridgov";

    private final JwtEncoder encoder;
    private final JdbcTemplate jdbc;
    private final IdentityProperties properties;
    private final AuditLog audit;
    private final AccountRepository accounts;
    private final SecureRandom random = new SecureRandom();

    TokenService(JwtEncoder encoder, JdbcTemplate jdbc, IdentityProperties properties, AuditLog audit,
            AccountRepository accounts) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.properties = properties;
        this.audit = audit;
    }

    /** A new token family for an account that just proved its password. */
    @Transactional
    public TokenPair issue(ScopedPrincipal principal) {
        return pair(principal, UUID.randomUUID());
    }

    /**
     * An access token only, for a principal already signed in to a console session (the phone web app's pages call
     * the API with it): no refresh token — when it expires the page asks its session again, and logging out of the
     * session ends it.
     */
    public TokenPair issueAccessOnly(ScopedPrincipal principal) {
        return new TokenPair(accessToken(principal), "Bearer", properties.accessTokenTtl().toSeconds(), null);
    }

    /** An access token only, for an integrator client (client credentials carry no refresh token). */
    public TokenPair issueForClient(TokenPrincipal client) {
        return new TokenPair(accessToken(client), "Bearer", properties.accessTokenTtl().toSeconds(), null);
    }

    /**
     * Rotates a refresh token.
     *
     * @throws BadCredentialsException when the token is unknown, expired, revoked, or already used (then its whole
     *         family is revoked)
     */
    @Transactional(noRollbackFor = BadCredentialsException.class)
    public TokenPair refresh(String refreshToken) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select id, family_id, account_id, expires_at, used_at, revoked_at from refresh_token
                 where token_hash = ? for update""", hash(refreshToken));
        if (rows.isEmpty()) {
            throw new BadCredentialsException("unknown refresh token");
        }
        Map<String, Object> row = rows.get(0);
        UUID family = (UUID) row.get("family_id");
        long accountId = ((Number) row.get("account_id")).longValue();
        if (row.get("revoked_at") != null) {
            throw new BadCredentialsException("revoked refresh token");
        }
        if (row.get("used_at") != null) {
            revokeFamily(family);
            audit.record(new Actor(String.valueOf(accountId), null, null), "REFRESH_TOKEN_REUSED", "account",
                    String.valueOf(accountId), null, "token family revoked");
            throw new BadCredentialsException("refresh token already used: all sessions of this login were ended");
        }
        if (((Timestamp) row.get("expires_at")).toInstant().isBefore(Instant.now())) {
            throw new BadCredentialsException("expired refresh token");
        }
        jdbc.update("update refresh_token set used_at = now() where id = ?", row.get("id"));
        Instant now = Instant.now();
        AccountPrincipal principal = accounts.findById(accountId).map(account -> AccountPrincipal.of(account, now))
            .filter(p -> p.isEnabled() && p.isAccountNonLocked())
            .orElseThrow(() -> new BadCredentialsException("account locked or disabled"));
        return pair(principal, family);
    }

    /** Ends the login the refresh token belongs to (its whole family). Unknown tokens are ignored. */
    @Transactional
    public void logout(String refreshToken) {
        List<UUID> family = jdbc.queryForList("select family_id from refresh_token where token_hash = ?", UUID.class,
                hash(refreshToken));
        family.forEach(this::revokeFamily);
    }

    /** Ends every login of an account (password reset, lock, role change). */
    @Transactional
    public void revokeAll(long accountId) {
        jdbc.update("update refresh_token set revoked_at = now() where account_id = ? and revoked_at is null", accountId);
    }

    private void revokeFamily(UUID family) {
        jdbc.update("update refresh_token set revoked_at = now() where family_id = ? and revoked_at is null", family);
    }

    private TokenPair pair(ScopedPrincipal principal, UUID family) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("insert into refresh_token (token_hash, family_id, account_id, expires_at) values (?, ?, ?, ?)",
                hash(refresh), family, principal.accountId(),
                Timestamp.from(Instant.now().plus(properties.refreshTokenTtl())));
        return new TokenPair(accessToken(principal), "Bearer", properties.accessTokenTtl().toSeconds(), refresh);
    }

    private String accessToken(ScopedPrincipal principal) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(principal.name())
            .issuedAt(now)
            .expiresAt(now.plus(properties.accessTokenTtl()))
            .id(UUID.randomUUID().toString())
            .claim("role", principal.role().name());
        if (principal.accountId() != null) {
            claims.claim("aid", principal.accountId());
        }
        if (principal.scopeNodeId() != null) {
            claims.claim("scope_node", principal.scopeNodeId());
        }
        if (principal.departmentId() != null) {
            claims.claim("dept", principal.departmentId());
        }
        if (principal.partnerId() != null) {
            claims.claim("partner", principal.partnerId());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("gridgov-1").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
