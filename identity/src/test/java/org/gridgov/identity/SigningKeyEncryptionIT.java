package org.gridgov.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.gridgov.shared.crypto.DataCipher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 #4: a dump of the database must not be enough to mint an administrator's token — the JWT signing key is
 * stored only encrypted with the platform's data keys, and a key left in plain text by an earlier version is
 * encrypted at the next start.
 */
@SpringBootTest
class SigningKeyEncryptionIT {

    @Autowired
    SigningKeys signingKeys;

    @Autowired
    IdentityProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataCipher cipher;

    @Test
    void a_dump_of_the_signing_key_table_holds_no_private_key_in_plain_text() throws Exception {
        Map<String, Object> row = jdbc.queryForMap("select private_key, private_key_enc from signing_key");
        String privateKey = Base64.getEncoder().encodeToString(signingKeys.rsaKey().toRSAPrivateKey().getEncoded());

        assertThat(row.get("private_key")).isNull();
        byte[] encrypted = (byte[]) row.get("private_key_enc");
        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain(privateKey.substring(0, 40));
        assertThat(cipher.decrypt(encrypted, SigningKeys.PURPOSE)).isEqualTo(privateKey);
        String copy = jdbc.queryForObject("select string_agg(coalesce(private_key, '') || encode(coalesce("
                + "private_key_enc, ''::bytea), 'escape'), '') from signing_key", String.class);
        assertThat(copy).doesNotContain(privateKey.substring(0, 40));
    }

    @Test
    void a_key_kept_in_plain_text_by_an_earlier_version_is_encrypted_at_start_and_still_signs() throws Exception {
        String privateKey = Base64.getEncoder().encodeToString(signingKeys.rsaKey().toRSAPrivateKey().getEncoded());
        jdbc.update("update signing_key set private_key = ?, private_key_enc = null", privateKey);

        SigningKeys restarted = new SigningKeys(properties, jdbc, cipher);

        assertThat(restarted.rsaKey().toRSAPrivateKey()).isEqualTo(signingKeys.rsaKey().toRSAPrivateKey());
        Map<String, Object> row = jdbc.queryForMap("select private_key, private_key_enc from signing_key");
        assertThat(row.get("private_key")).isNull();
        assertThat(cipher.decrypt((byte[]) row.get("private_key_enc"), SigningKeys.PURPOSE)).isEqualTo(privateKey);
    }
}
