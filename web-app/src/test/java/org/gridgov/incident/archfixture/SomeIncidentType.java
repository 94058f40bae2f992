package org.gridgov.incident.archfixture;

/** Stands in for an incident-module class in the architecture test's deliberate violation. */
public class SomeIncidentType {
}
