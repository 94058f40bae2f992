package org.gridgov.grid.archfixture;

import org.gridgov.incident.archfixture.SomeIncidentType;

/** A deliberate violation (test sources only): grid core reaching into the incident module. */
public class GridCodeThatCallsIncidents {

    public String describe(SomeIncidentType incident) {
        return incident.toString();
    }
}
