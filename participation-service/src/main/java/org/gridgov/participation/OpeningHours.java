package org.gridgov.participation;

import java.time.LocalTime;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One opening interval of a space on one ISO weekday, China time.
 *
 * @param weekday 1 = Monday … 7 = Sunday
 */
public record OpeningHours(@Schema(example = "6") int weekday, @Schema(type = "string", example = "09:00") LocalTime opens,
        @Schema(type = "string", example = "21:00") LocalTime closes) {
}
