package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;

/** Integrator clients: client id + secret (shown once) → an INTEGRATOR access token, optionally scoped to a node. */
@Service
public class IntegratorClientService {

    /** Compared against when the client id is unknown, so both failures cost the same. */
    private final String dummyHash;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final ScopeResolver scopes;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    IntegratorClientService(JdbcTemplate jdbc, PasswordEncoder encoder, ScopeResolver scopes, AuditLog audit) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.scopes = scopes;
        this.audit = audit;
        this.dummyHash = encoder.encode("not-a-secret");
    }

    @Transactional
    public IntegratorClientView create(String name, Long scopeNodeId, String createdBy) {
        if (scopeNodeId != null && scopes.pathOf(scopeNodeId) == null) {
            throw DomainException.ruleViolation("identity.client.scope-node", "scopeNodeId", "No grid " + scopeNodeId);
        }
        String clientId = "gg_" + token(9);
        String secret = token(30);
        jdbc.update("insert into integrator_client (client_id, secret_hash, name, scope_node_id, created_by) "
                + "values (?, ?, ?, ?, ?)", clientId, encoder.encode(secret), name, scopeNodeId, createdBy);
        audit.record("INTEGRATOR_CLIENT_CREATED", "integrator_client", clientId, null, name);
        IntegratorClientView created = get(clientId);
        return new IntegratorClientView(created.clientId(), created.name(), created.scopeNodeId(), created.status(),
                created.createdBy(), created.createdAt(), secret);
    }

    public List<IntegratorClientView> list() {
        return jdbc.query(SELECT + " order by created_at desc", IntegratorClientService::view);
    }

    public IntegratorClientView get(String clientId) {
        List<IntegratorClientView> found = jdbc.query(SELECT + " where client_id = ?", IntegratorClientService::view,
                clientId);
        if (found.isEmpty()) {
            throw DomainException.notFound("identity.client.not-found", "No integrator client " + clientId);
        }
        return found.get(0);
    }

    @Transactional
    public IntegratorClientView disable(String clientId) {
        get(clientId);
        jdbc.update("update integrator_client set status = 'DISABLED' where client_id = ?", clientId);
        audit.record("INTEGRATOR_CLIENT_DISABLED", "integrator_client", clientId, null, null);
        return get(clientId);
    }

    /** @throws BadCredentialsException for an unknown client, a wrong secret or a disabled client */
    public TokenPrincipal authenticate(String clientId, String secret) {
        List<String[]> found = jdbc.query("select secret_hash, status, scope_node_id from integrator_client where client_id = ?",
                (rs, row) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }, clientId);
        String hash = found.isEmpty() ? dummyHash : found.get(0)[0];
        boolean matches = encoder.matches(secret == null ? "" : secret, hash);
        if (found.isEmpty() || !matches || !"ACTIVE".equals(found.get(0)[1])) {
            audit.record("CLIENT_LOGIN_FAILED", "integrator_client", clientId.length() > 64 ? null : clientId, null, null);
            throw new BadCredentialsException("bad client credentials");
        }
        Long scope = found.get(0)[2] == null ? null : Long.valueOf(found.get(0)[2]);
        return new TokenPrincipal(null, clientId, Role.INTEGRATOR, scope, null, null);
    }

    /**
     * Issues an Open311 {@code api_key} acting as this client (its scope, role INTEGRATOR), revoking the previous
     * one. The key is in this answer only.
     */
    @Transactional
    public String issueOpen311Key(String clientId, String createdBy) {
        IntegratorClientView client = get(clientId);
        if (!"ACTIVE".equals(client.status())) {
            throw DomainException.conflict("identity.client.disabled", "Client " + clientId + " is disabled");
        }
        String key = "o311_" + token(32);
        jdbc.update("update open311_api_key set revoked_at = now() where client_id = ? and revoked_at is null",
                clientId);
        jdbc.update("insert into open311_api_key (key_hash, client_id, created_by) values (?, ?, ?)", sha256(key),
                clientId, createdBy);
        audit.record("OPEN311_KEY_ISSUED", "integrator_client", clientId, null, null);
        return key;
    }

    /** The integrator an Open311 {@code api_key} stands for, if it is current and its client active. */
    public Optional<TokenPrincipal> authenticateOpen311Key(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        return jdbc.query("select c.client_id, c.scope_node_id from open311_api_key k "
                + "join integrator_client c on c.client_id = k.client_id "
                + "where k.key_hash = ? and k.revoked_at is null and c.status = 'ACTIVE'",
                (rs, row) -> {
                    long scope = rs.getLong(2);
                    return new TokenPrincipal(null, rs.getString(1), Role.INTEGRATOR, rs.wasNull() ? null : scope,
                            null, null);
                }, (Object) sha256(key)).stream().findFirst();
    }

    private static byte[] sha256(String value) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static final String SELECT = "select client_id, name, scope_node_id, status, created_by, created_at "
            + "from integrator_client";

    private static IntegratorClientView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long scope = rs.getLong("scope_node_id");
        boolean unscoped = rs.wasNull();
        Timestamp created = rs.getTimestamp("created_at");
        return new IntegratorClientView(rs.getString("client_id"), rs.getString("name"), unscoped ? null : scope,
                rs.getString("status"), rs.getString("created_by"), created.toInstant(), null);
    }
}
