package org.gridgov.incident;

import java.util.List;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.people.ResidentDirectory;
import org.gridgov.shared.people.ResidentDirectory.ResidentCard;
import org.gridgov.shared.people.ResidentDirectory.ResidentReference;
import org.gridgov.shared.security.CallerProvider;
import org.gridgov.shared.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The resident an incident refers to: incidents raised from a visit's finding or an inspection's hazard keep the
 * resident's and the dwelling's ids instead of naming them in the description (which integrators and summoned
 * departments read). Opening the reference is for grid staff who may see the incident; resident-service then checks
 * that their scope covers the resident and audits the opening ({@link ResidentDirectory#open}).
 */
@Service
@Transactional(readOnly = true)
public class IncidentResidentReferences {

    private final JdbcTemplate jdbc;
    private final IncidentQueries incidents;
    private final ResidentDirectory residents;
    private final CallerProvider callers;

    IncidentResidentReferences(JdbcTemplate jdbc, IncidentQueries incidents, ResidentDirectory residents,
            CallerProvider callers) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.residents = residents;
        this.callers = callers;
    }

    /** Keeps an incident's reference, once (a redelivered request keeps the first). */
    @Transactional
    public void keep(long incidentId, String origin, ResidentReference reference) {
        if (reference == null || reference.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into incident_resident_reference (incident_id, origin, resident_id, dwelling_id)
                values (?, ?, ?, ?) on conflict (incident_id) do nothing""", incidentId, origin,
                reference.residentId(), reference.dwellingId());
    }

    /**
     * Opens the resident an incident refers to, for grid staff who may see the incident and whose scope covers the
     * resident; audited by resident-service.
     *
     * @throws DomainException 403 for roles that never read residents' data (departments, integrators, residents),
     *         404 when the incident is not visible, refers to nobody, or the resident is outside the caller's scope
     */
    public ResidentCard open(long incidentId) {
        if (!callers.current().hasRoleIn(Role.GRID_STAFF)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.resident-reference.forbidden",
                    "Residents' data is for grid staff only");
        }
        IncidentView incident = incidents.get(incidentId);
        List<ResidentReference> found = jdbc.query("""
                select resident_id, dwelling_id from incident_resident_reference where incident_id = ?""",
                (rs, i) -> new ResidentReference((Long) rs.getObject(1), (Long) rs.getObject(2)), incidentId);
        if (found.isEmpty()) {
            throw DomainException.notFound("incident.resident-reference.none",
                    "Incident " + incident.trackingCode() + " refers to no resident");
        }
        return residents.open(found.get(0), "incident " + incident.trackingCode());
    }
}
