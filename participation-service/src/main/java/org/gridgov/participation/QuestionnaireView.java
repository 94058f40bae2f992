package org.gridgov.participation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A questionnaire with its questions and the number of answers so far.
 *
 * @param linkToken the secret of the public link (PUBLIC questionnaires), shown to staff only
 * @param open whether answers are taken now
 */
public record QuestionnaireView(long id, long gridId, String title, String description, String audience,
        boolean named, LocalDate opensOn, LocalDate closesOn, Instant opensAt, Instant closesAt, boolean open,
        String linkToken, long responses, List<Question> questions) {

    /** A question; {@code options} in order (position = index + 1), empty for SCALE and TEXT. */
    public record Question(long id, int position, String kind, String prompt, boolean required, List<String> options,
            Integer scaleMin, Integer scaleMax) {
    }
}
