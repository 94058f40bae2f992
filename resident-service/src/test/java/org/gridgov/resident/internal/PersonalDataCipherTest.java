package org.gridgov.resident.internal;

import org.gridgov.resident.IdNumbers;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.gridgov.resident.ResidentProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataCipherTest {

    static final String K1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String K2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    static final String INDEX = Base64.getEncoder().encodeToString("index-key-index-key-index-key-32".getBytes());

    static PersonalDataCipher cipher(Map<String, String> keys, String active) {
        return new PersonalDataCipher(new ResidentProperties(new ResidentProperties.Crypto(keys, active, INDEX), null,
                "x", null, null), Optional.empty());
    }

    @Test
    void values_written_with_an_old_key_stay_readable_after_rotating_to_a_new_one() {
        byte[] old = cipher(Map.of("k1", K1), "k1").encrypt("510104195003041234", "id_number");
        PersonalDataCipher rotated = cipher(Map.of("k1", K1, "k2", K2), "k2");

        assertThat(rotated.decrypt(old, "id_number")).isEqualTo("510104195003041234");
        assertThat(PersonalDataCipher.keyIdOf(old)).isEqualTo("k1");
        assertThat(PersonalDataCipher.keyIdOf(rotated.encrypt("x", "id_number"))).isEqualTo("k2");
    }

    @Test
    void the_same_value_encrypts_differently_each_time_but_indexes_the_same() {
        PersonalDataCipher cipher = cipher(Map.of("k1", K1), "k1");
        assertThat(cipher.encrypt("13812345678", "phone")).isNotEqualTo(cipher.encrypt("13812345678", "phone"));
        assertThat(cipher.index("13812345678", "phone")).isEqualTo(cipher.index("13812345678", "phone"))
            .isNotEqualTo(cipher.index("13812345678", "id_number"));
    }

    @Test
    void a_value_moved_to_another_column_does_not_decrypt() {
        PersonalDataCipher cipher = cipher(Map.of("k1", K1), "k1");
        byte[] phone = cipher.encrypt("13812345678", "phone");
        assertThatThrownBy(() -> cipher.decrypt(phone, "id_number")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void without_configured_keys_the_application_refuses_to_start_unless_development_keys_are_allowed() {
        ResidentProperties none = new ResidentProperties(new ResidentProperties.Crypto(Map.of(), null, null), null, "x",
                null, null);
        assertThatThrownBy(() -> new PersonalDataCipher(none, Optional.empty()))
            .hasMessageContaining("No keys for personal data");
        assertThatThrownBy(() -> new PersonalDataCipher(none, Optional.of(() -> false)))
            .hasMessageContaining("No keys for personal data");
        PersonalDataCipher development = new PersonalDataCipher(none, Optional.of(() -> true));
        assertThat(development.decrypt(development.encrypt("x", "p"), "p")).isEqualTo("x");
    }

    @Test
    void the_published_development_keys_are_refused_when_configured_outside_the_embedded_database() {
        ResidentProperties published = new ResidentProperties(new ResidentProperties.Crypto(
                Map.of("k1", PersonalDataCipher.DEVELOPMENT_KEY), "k1", INDEX), null, "x", null, null);
        ResidentProperties publishedIndex = new ResidentProperties(new ResidentProperties.Crypto(
                Map.of("k1", K1), "k1", PersonalDataCipher.DEVELOPMENT_INDEX_KEY), null, "x", null, null);

        assertThatThrownBy(() -> new PersonalDataCipher(published, Optional.empty()))
            .hasMessageContaining("PUBLISHED DEVELOPMENT KEYS");
        assertThatThrownBy(() -> new PersonalDataCipher(publishedIndex, Optional.of(() -> false)))
            .hasMessageContaining("PUBLISHED DEVELOPMENT KEYS");
        assertThat(new PersonalDataCipher(published, Optional.of(() -> true)).decrypt(
                new PersonalDataCipher(published, Optional.of(() -> true)).encrypt("x", "p"), "p")).isEqualTo("x");
    }

    @Test
    void resident_id_numbers_are_checked_for_their_check_digit_and_birth_date() {
        String valid = IdNumbers.of("510104", LocalDate.of(1950, 3, 4), 123);
        assertThat(IdNumbers.problem(valid, LocalDate.of(2026, 1, 1))).isNull();
        assertThat(IdNumbers.problem("11010519491231002X", LocalDate.of(2026, 1, 1))).isNull();
        assertThat(IdNumbers.problem("110105194912310021", LocalDate.of(2026, 1, 1))).contains("check digit");
        String feb30 = "51010419900230123";
        assertThat(IdNumbers.problem(feb30 + IdNumbers.checkCharacter(feb30), LocalDate.of(2026, 1, 1)))
            .contains("impossible birth date");
        String future = IdNumbers.of("510104", LocalDate.of(2030, 1, 1), 1);
        assertThat(IdNumbers.problem(future, LocalDate.of(2026, 1, 1))).contains("outside");
        assertThat(IdNumbers.problem("5101", LocalDate.of(2026, 1, 1))).contains("17 digits");
        assertThat(IdNumbers.gender(valid)).isEqualTo("MALE");
    }

    @Test
    void masking_keeps_enough_to_recognise() {
        assertThat(Masking.idNumber("510104195003041234")).isEqualTo("5101**********1234");
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
    }
}
