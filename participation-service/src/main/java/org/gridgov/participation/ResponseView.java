package org.gridgov.participation;

import java.time.Instant;

/** A stored answer to a questionnaire (its content is in the results). */
public record ResponseView(long id, long questionnaireId, Instant submittedAt) {
}
