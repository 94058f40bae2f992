package org.gridgov.participation;

import java.util.List;

/**
 * One question of a new questionnaire.
 *
 * @param kind {@code SINGLE} or {@code MULTIPLE} choice (2 to 20 options), {@code SCALE} (scaleMin..scaleMax, 0 to 10)
 *        or {@code TEXT} (at most 2000 characters)
 * @param required whether every answer must answer it (default true)
 */
public record QuestionSpec(String kind, String prompt, Boolean required, List<String> options, Integer scaleMin,
        Integer scaleMax) {
}
