package org.gridgov.incident;

import java.util.List;

/**
 * The answer to a report: the incident (with its tracking code) and reports of the same category nearby that may be
 * the same problem (open or resolved: not {@linkplain IncidentState#FINAL final}).
 */
public record ReportResult(IncidentView incident, List<PossibleDuplicate> possibleDuplicates) {

    /** A report nearby. */
    public record PossibleDuplicate(long id, String trackingCode, IncidentState state, double distanceMetres) {
    }
}
