package org.gridgov.shared.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotency records in PostgreSQL ({@code idempotency_record}), so every application node sees the same keys.
 * Each call is its own short autocommit statement: the claim is visible to other nodes before the business work
 * starts.
 * <p>
 * A claim names the instance (this process) that holds it, and the instance knows which of its claims its requests
 * are running. A claim left {@code IN_PROGRESS} by this instance that none of its requests runs any more — its
 * release or completion failed because PostgreSQL went away mid-request — is taken over by the next retry at once
 * (issue 16: the application recovers by itself when PostgreSQL is back). A claim of another instance is taken over
 * only once it is older than {@link #ABANDONED_AFTER}: that node may still be running it, or may have died.
 */
public class IdempotencyStore {

    /** A claim of a key that was left in progress longer than this is taken over (its node died). */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final String instance = UUID.randomUUID().toString();
    /** The claims this instance's requests are running now: principal and key. */
    private final Set<List<String>> running = ConcurrentHashMap.newKeySet();

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public enum Outcome {
        CLAIMED, COMPLETED, IN_PROGRESS, REUSED_WITH_OTHER_REQUEST
    }

    public record StoredResponse(int status, String contentType, String location, String etag, byte[] body) {
    }

    public record Claim(Outcome outcome, StoredResponse response) {
    }

    public Claim claim(String principal, String key, byte[] requestHash, String method, String path) {
        List<String> local = List.of(principal, key);
        if (!running.add(local)) {
            return new Claim(Outcome.IN_PROGRESS, null); // a request of this instance runs it right now
        }
        Claim claim;
        try {
            claim = claimInDatabase(principal, key, requestHash, method, path);
        }
        catch (RuntimeException ex) {
            running.remove(local);
            throw ex;
        }
        if (claim.outcome() != Outcome.CLAIMED) {
            running.remove(local);
        }
        return claim;
    }

    private Claim claimInDatabase(String principal, String key, byte[] requestHash, String method, String path) {
        int inserted = jdbc.update("""
                insert into idempotency_record (principal, idempotency_key, request_hash, method, path, state,
                                                claimed_by)
                values (?, ?, ?, ?, ?, 'IN_PROGRESS', ?)
                on conflict (principal, idempotency_key) do update
                   set request_hash = excluded.request_hash, method = excluded.method, path = excluded.path,
                       created_at = now(), claimed_by = excluded.claimed_by
                 where idempotency_record.state = 'IN_PROGRESS'
                   and (idempotency_record.claimed_by = excluded.claimed_by
                        or idempotency_record.created_at < now() - make_interval(secs => ?))
                """, principal, key, requestHash, method, path, instance, ABANDONED_AFTER.toSeconds());
        if (inserted == 1) {
            return new Claim(Outcome.CLAIMED, null);
        }
        List<Claim> existing = jdbc.query("""
                select request_hash, state, response_status, response_content_type, response_location,
                       response_etag, response_body
                  from idempotency_record where principal = ? and idempotency_key = ?
                """, (rs, row) -> {
            if (!Arrays.equals(rs.getBytes("request_hash"), requestHash)) {
                return new Claim(Outcome.REUSED_WITH_OTHER_REQUEST, null);
            }
            if ("IN_PROGRESS".equals(rs.getString("state"))) {
                return new Claim(Outcome.IN_PROGRESS, null);
            }
            return new Claim(Outcome.COMPLETED, new StoredResponse(rs.getInt("response_status"),
                    rs.getString("response_content_type"), rs.getString("response_location"),
                    rs.getString("response_etag"), rs.getBytes("response_body")));
        }, principal, key);
        // released between our insert and select: treat as still running, the client retries
        return existing.isEmpty() ? new Claim(Outcome.IN_PROGRESS, null) : existing.get(0);
    }

    public void complete(String principal, String key, StoredResponse response) {
        try {
            completeInDatabase(principal, key, response);
        }
        finally {
            running.remove(List.of(principal, key));
        }
    }

    private void completeInDatabase(String principal, String key, StoredResponse response) {
        jdbc.update("""
                update idempotency_record
                   set state = 'COMPLETED', response_status = ?, response_content_type = ?, response_location = ?,
                       response_etag = ?, response_body = ?, completed_at = now()
                 where principal = ? and idempotency_key = ?
                """, response.status(), response.contentType(), response.location(), response.etag(),
                response.body(), principal, key);
    }

    public void release(String principal, String key) {
        try {
            jdbc.update("delete from idempotency_record where principal = ? and idempotency_key = ? "
                    + "and state = 'IN_PROGRESS'", principal, key);
        }
        finally {
            running.remove(List.of(principal, key));
        }
    }

    /** Forgets keys older than the retention period; returns how many were removed. */
    public int purgeOlderThan(Duration retention) {
        return jdbc.update("delete from idempotency_record where created_at < now() - make_interval(secs => ?)",
                retention.toSeconds());
    }
}
