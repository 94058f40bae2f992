/**
 * Incidents: one door for every source (随手报 from residents, a grid worker's own discovery, sensor alarms, external
 * platforms), located to the grid that serves the spot and assigned to its worker; an explicit lifecycle
 * ({@link org.gridgov.incident.IncidentLifecycle}) with an immutable timeline; deadlines on a work calendar;
 * escalation up the tree and the street's whistle (网格发现、街道吹哨、部门报到); the reporter's rating closes the loop.
 */
@ApplicationModule(displayName = "Incidents", allowedDependencies = { "shared", "grid" })
package org.gridgov.incident;

import org.springframework.modulith.ApplicationModule;
