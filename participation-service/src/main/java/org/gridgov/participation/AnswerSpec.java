package org.gridgov.participation;

import java.util.List;

/**
 * The answer to one question.
 *
 * @param options the chosen options' positions (1-based): one for SINGLE, one or more for MULTIPLE
 * @param value the chosen value of a SCALE question
 * @param text the answer to a TEXT question
 */
public record AnswerSpec(Long questionId, List<Integer> options, Integer value, String text) {
}
