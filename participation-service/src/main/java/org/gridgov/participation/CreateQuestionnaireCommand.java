package org.gridgov.participation;

import java.time.LocalDate;
import java.util.List;

/**
 * A new questionnaire (问卷).
 *
 * @param audience {@code SUBTREE} (people whose account is bound inside the grid's subtree, default),
 *        {@code RESIDENTS} (any resident's account) or {@code PUBLIC} (anyone holding the link, no login)
 * @param named whether answers carry the respondent's name (default false: anonymous)
 * @param opensOn the first day answers are taken, China time
 * @param closesOn the last day answers are taken, China time (inclusive)
 */
public record CreateQuestionnaireCommand(Long gridId, String title, String description, String audience,
        Boolean named, LocalDate opensOn, LocalDate closesOn, List<QuestionSpec> questions) {
}
