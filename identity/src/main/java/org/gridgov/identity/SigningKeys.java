package org.gridgov.identity;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;

import org.gridgov.shared.crypto.DataCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The RSA key that signs access tokens: from configuration ({@code gridgov.identity.jwt-private-key} /
 * {@code jwt-public-key}, PEM), or else generated once and kept in the database so every application node signs
 * and verifies with the same key (insert-if-absent: concurrent first starts agree on one key).
 * <p>
 * In the database the private key is kept only encrypted with the platform's {@link DataCipher} (purpose
 * {@value #PURPOSE}): a dump does not reveal it. A key stored in plain text by an earlier version is encrypted at start.
 */
@Component
public class SigningKeys {

    private static final String KEY_ID = "gridgov-1";
    static final String PURPOSE = "jwt_signing_key";

    private final RSAKey rsaKey;

    SigningKeys(IdentityProperties properties, JdbcTemplate jdbc, DataCipher cipher) {
        this.rsaKey = StringUtils.hasText(properties.jwtPrivateKey())
                ? toJwk(privateKey(properties.jwtPrivateKey()), publicKey(properties.jwtPublicKey()))
                : fromDatabase(jdbc, cipher);
    }

    public RSAKey rsaKey() {
        return rsaKey;
    }

    public RSAPublicKey publicKey() {
        try {
            return rsaKey.toRSAPublicKey();
        }
        catch (com.nimbusds.jose.JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey fromDatabase(JdbcTemplate jdbc, DataCipher cipher) {
        List<Stored> stored = read(jdbc);
        if (stored.isEmpty()) {
            KeyPair pair = generate();
            jdbc.update("insert into signing_key (id, private_key_enc, public_key) values (?, ?, ?) "
                    + "on conflict (id) do nothing", KEY_ID,
                    cipher.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), PURPOSE),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            stored = read(jdbc);
        }
        Stored key = stored.get(0);
        String privateKey;
        if (key.encrypted() != null) {
            privateKey = cipher.decrypt(key.encrypted(), PURPOSE);
        }
        else {
            privateKey = key.plain();
            // kept in plain text by an earlier version: encrypt it, then forget the plain text
            jdbc.update("update signing_key set private_key_enc = ?, private_key = null where id = ? "
                    + "and private_key_enc is null", cipher.encrypt(privateKey, PURPOSE), KEY_ID);
        }
        return toJwk(privateKey(privateKey), publicKey(key.publicKey()));
    }

    private record Stored(String plain, byte[] encrypted, String publicKey) {
    }

    private static List<Stored> read(JdbcTemplate jdbc) {
        return jdbc.query("select private_key, private_key_enc, public_key from signing_key where id = ?",
                (rs, row) -> new Stored(rs.getString(1), rs.getBytes(2), rs.getString(3)), KEY_ID);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("RSA is part of every JDK", ex);
        }
    }

    private static RSAKey toJwk(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(KEY_ID).build();
    }

    static RSAPrivateKey privateKey(String pemOrBase64) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(decode(pemOrBase64)));
        }
        catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
            throw new IllegalStateException("gridgov.identity.jwt-private-key is not a PKCS#8 RSA key", ex);
        }
    }

    static RSAPublicKey publicKey(String pemOrBase64) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(decode(pemOrBase64)));
        }
        catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException | NullPointerException ex) {
            throw new IllegalStateException("gridgov.identity.jwt-public-key is not an X.509 RSA public key", ex);
        }
    }

    private static byte[] decode(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
