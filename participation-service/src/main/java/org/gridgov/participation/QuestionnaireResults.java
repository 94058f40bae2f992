package org.gridgov.participation;

import java.util.List;

/**
 * The results of a questionnaire: per question the count of each option, a scale's mean and distribution, the text
 * answers — with the respondent only when the questionnaire is named.
 */
public record QuestionnaireResults(long questionnaireId, String title, boolean named, long responses,
        List<QuestionResult> questions) {

    /**
     * @param answered how many responses answered this question
     * @param options the count of each option (choice questions), in order
     * @param scale mean and distribution (scale questions), null otherwise
     * @param texts the text answers (text questions), in no particular order
     */
    public record QuestionResult(long questionId, int position, String kind, String prompt, long answered,
            List<OptionCount> options, Scale scale, List<TextAnswer> texts) {
    }

    public record OptionCount(int position, String label, long count) {
    }

    /** @param mean null while nobody answered */
    public record Scale(int min, int max, Double mean, List<ValueCount> distribution) {
    }

    public record ValueCount(int value, long count) {
    }

    /** @param respondent the respondent's name in a named questionnaire, else null */
    public record TextAnswer(String text, String respondent) {
    }
}
