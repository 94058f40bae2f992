package org.gridgov.incident;

import java.util.List;

/**
 * The answer to a report: the incident (with its tracking code) and reports of the same category nearby that may be
 * the same problem (open or resolved: not {@linkplain IncidentState#FINAL final}) — for staff. A resident sees no other
 * report: {@code possibleDuplicates} is empty for them and {@code similarNearby} says "附近已有类似问题正在处理" when
 * there are any.
 */
public record ReportResult(IncidentView incident, List<PossibleDuplicate> possibleDuplicates, String similarNearby) {

    /** What a resident is told when others reported something similar nearby (they never see others' reports). */
    public static final String SIMILAR_NEARBY = "附近已有类似问题正在处理";

    public ReportResult(IncidentView incident, List<PossibleDuplicate> possibleDuplicates) {
        this(incident, possibleDuplicates, null);
    }

    /** A report nearby. */
    public record PossibleDuplicate(long id, String trackingCode, IncidentState state, double distanceMetres) {
    }
}
