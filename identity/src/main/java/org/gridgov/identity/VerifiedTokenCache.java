package org.gridgov.identity;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that verifies a token's RSA signature once per node and keeps the verified token until it
 * expires: a phone sends the same access token with every request of its 15 minutes, and the signature check was 7 %
 * of a warm submission's request time.
 * <p>
 * What is kept is only the proof that these exact bytes were signed by the platform's key — which never stops being
 * true. Everything that can change is still checked on every request: the claims' validators (expiry, not-before,
 * issuer) run again on each hit, and the account behind the token (disabled, locked, role or scope changed) is read
 * by {@link TokenAuthenticationConverter} with its own bound. A token the decoder refuses is never kept. Keys are the
 * full token text; at most {@value #MAX_TOKENS} tokens are kept, each at most until its {@code exp}.
 */
final class VerifiedTokenCache implements JwtDecoder {

    static final int MAX_TOKENS = 50_000;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfter(new UntilExpiry()).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (token == null) {
            throw new BadJwtException("no token");
        }
        Jwt kept = verified.getIfPresent(token);
        if (kept == null) {
            Jwt jwt = verifier.decode(token);
            if (jwt.getExpiresAt() != null) {
                verified.put(token, jwt);
            }
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(kept);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException("token no longer valid", result.getErrors());
        }
        return kept;
    }

    /** Kept until the token's own expiry (a token without {@code exp} is never kept). */
    private static final class UntilExpiry implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
            Duration left = Duration.between(Instant.now(), jwt.getExpiresAt());
            return left.isNegative() ? 0 : left.toNanos();
        }

        @Override
        public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
