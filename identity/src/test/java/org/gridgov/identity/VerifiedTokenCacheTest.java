package org.gridgov.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class VerifiedTokenCacheTest {

    private final KeyPair platformKey = rsa();
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer("gridgov");
    private final JwtDecoder decoder = new VerifiedTokenCache(counting(platformKey), validator);

    @Test
    void a_phone_sending_the_same_token_all_day_has_its_signature_checked_once() {
        String token = token(platformKey, Instant.now().plusSeconds(900));

        Jwt first = decoder.decode(token);
        Jwt again = decoder.decode(token);
        decoder.decode(token);

        assertThat(again.getSubject()).isEqualTo(first.getSubject()).isEqualTo("demo.grid");
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void every_new_token_is_verified_and_one_signed_with_another_key_is_refused_every_time() {
        decoder.decode(token(platformKey, Instant.now().plusSeconds(900)));
        decoder.decode(token(platformKey, Instant.now().plusSeconds(901)));
        String forged = token(rsa(), Instant.now().plusSeconds(900));

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(4);
    }

    @Test
    void a_kept_token_is_refused_once_it_has_expired() throws InterruptedException {
        OAuth2TokenValidator<Jwt> noSkew = new JwtTimestampValidator(Duration.ZERO);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) platformKey.getPublic()).build();
        nimbus.setJwtValidator(noSkew);
        JwtDecoder keeping = new VerifiedTokenCache(nimbus, noSkew);
        Instant expiresAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String token = token(platformKey, expiresAt);
        assertThat(keeping.decode(token).getSubject()).isEqualTo("demo.grid");

        Thread.sleep(Duration.between(Instant.now(), expiresAt).toMillis() + 300);

        assertThatThrownBy(() -> keeping.decode(token)).isInstanceOf(JwtException.class);
    }

    private JwtDecoder counting(KeyPair key) {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) key.getPublic()).build();
        nimbus.setJwtValidator(validator);
        return token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static String token(KeyPair key, Instant expiresAt) {
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) key.getPublic()).privateKey((RSAPrivateKey) key.getPrivate())
                .keyID("test").build();
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("gridgov").subject("demo.grid")
                .issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt).claim("aid", 7L).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
