package org.gridgov.incident;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tracking code never fails a report: the six characters spell the next number of a sequence through a bijection,
 * so a busy district's day (random draws collided 12 times in ~140k reports) never repeats a code.
 */
class TrackingCodeTest {

    @Test
    void two_million_reports_of_one_day_get_two_million_different_codes() {
        Set<String> codes = new HashSet<>();
        for (long number = 1; number <= 2_000_000; number++) {
            codes.add(IncidentIntake.trackingCode("261205", number));
        }
        assertThat(codes).hasSize(2_000_000);
    }

    @Test
    void a_code_reads_as_the_day_and_six_characters_that_do_not_count_upwards() {
        String first = IncidentIntake.trackingCode("261205", 1);
        String second = IncidentIntake.trackingCode("261205", 2);
        assertThat(first).matches("SS261205-[0-9A-Z]{6}");
        assertThat(first.substring(9)).isNotEqualTo(second.substring(9));
        // consecutive numbers do not give neighbouring codes a resident could guess from their own
        assertThat(first.substring(9, 13)).isNotEqualTo(second.substring(9, 13));
    }
}
