/**
 * Incidents: one door for every source (随手报 from residents, a grid worker's own discovery, sensor alarms, external
 * platforms), located to the grid that serves the spot and assigned to its worker; an explicit lifecycle
 * ({@link org.gridgov.incident.IncidentLifecycle}) with an immutable timeline; deadlines on a work calendar;
 * escalation up the tree and the street's whistle (网格发现、街道吹哨、部门报到); the reporter's rating closes the loop.
 * <p>
 * The API by responsibility: {@link org.gridgov.incident.IncidentIntake} takes reports,
 * {@link org.gridgov.incident.IncidentWorkflow} makes the staff's and the reporter's moves,
 * {@link org.gridgov.incident.IncidentWhistle} the street's whistle and the departments' check-in,
 * {@link org.gridgov.incident.IncidentEscalation} what the deadlines do by themselves,
 * {@link org.gridgov.incident.IncidentQueries} reads incidents as their viewer may see them. What "open" and
 * "overdue" mean is {@link org.gridgov.incident.IncidentState}'s.
 */
@ApplicationModule(displayName = "Incidents", allowedDependencies = { "shared", "grid" })
package org.gridgov.incident;

import org.springframework.modulith.ApplicationModule;
