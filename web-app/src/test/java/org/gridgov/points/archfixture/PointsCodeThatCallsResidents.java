package org.gridgov.points.archfixture;

import org.gridgov.resident.CareLevel;

/** A deliberate violation (test sources only): the points module calling the residents module directly. */
public class PointsCodeThatCallsResidents {

    public String describe(CareLevel level) {
        return level.name();
    }
}
