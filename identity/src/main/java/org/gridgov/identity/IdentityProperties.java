package org.gridgov.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings.
 *
 * @param maxFailedAttempts failed logins before an account locks
 * @param lockDuration how long a lock-out lasts
 * @param accessTokenTtl lifetime of an API access token (JWT)
 * @param refreshTokenTtl lifetime of a refresh token (each use rotates it)
 * @param jwtPrivateKey PEM (PKCS#8) RSA private key that signs access tokens; empty: generated once and kept in the
 *        database, shared by every node
 * @param jwtPublicKey PEM (X.509) public key matching {@code jwtPrivateKey}
 */
@ConfigurationProperties("gridgov.identity")
public record IdentityProperties(@DefaultValue("5") int maxFailedAttempts, @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("30d") Duration refreshTokenTtl,
        String jwtPrivateKey, String jwtPublicKey) {
}
