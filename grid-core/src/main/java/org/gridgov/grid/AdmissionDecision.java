package org.gridgov.grid;

import java.time.Instant;

/**
 * Whether a piece of work may be pushed onto a role in a grid: it is on the duty list, or an approval is recorded,
 * or it is not admitted.
 */
public record AdmissionDecision(Outcome outcome, Long admissionId, String approvedBy, Instant approvedAt,
        String reason) {

    public enum Outcome {
        ON_DUTY_LIST, APPROVED, NOT_ADMITTED
    }

    public boolean admitted() {
        return outcome != Outcome.NOT_ADMITTED;
    }

    static AdmissionDecision onDutyList() {
        return new AdmissionDecision(Outcome.ON_DUTY_LIST, null, null, null, null);
    }

    static AdmissionDecision notAdmitted() {
        return new AdmissionDecision(Outcome.NOT_ADMITTED, null, null, null, null);
    }
}
