package org.gridgov.incident;

import org.junit.jupiter.api.Test;

import org.gridgov.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database draws a report's tracking code in one statement ({@code next_incident_tracking_code}); its
 * {@code incident_tracking_code} must spell every number exactly as {@link IncidentIntake#trackingCode(String, long)}
 * does, the function TrackingCodeTest holds to its promises (unique, not guessable from a neighbour).
 */
@PlatformTest
class TrackingCodeInDatabaseIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_database_spells_every_number_as_the_java_function_does() {
        long[] numbers = { 0, 1, 2, 31, 32, 1_000, 123_456_789, (1L << 30) - 1, 1L << 30, (1L << 30) + 7,
                9_876_543_210L, Long.MAX_VALUE / 3 };
        for (long number : numbers) {
            assertThat(jdbc.queryForObject("select incident_tracking_code('261206', ?)", String.class, number))
                .as("number %d", number).isEqualTo(IncidentIntake.trackingCode("261206", number));
        }
        for (long number = 1; number <= 5_000; number += 7) {
            assertThat(jdbc.queryForObject("select incident_tracking_code('261206', ?)", String.class, number))
                .as("number %d", number).isEqualTo(IncidentIntake.trackingCode("261206", number));
        }
    }

    @Test
    void consecutive_draws_give_different_codes_of_the_day() {
        String day = "991231";
        String first = jdbc.queryForObject("select next_incident_tracking_code(?)", String.class, day);
        String second = jdbc.queryForObject("select next_incident_tracking_code(?)", String.class, day);

        assertThat(first).matches("SS" + day + "-[23456789A-HJ-NP-Z]{6}");
        assertThat(second).matches("SS" + day + "-[23456789A-HJ-NP-Z]{6}").isNotEqualTo(first);
    }
}
