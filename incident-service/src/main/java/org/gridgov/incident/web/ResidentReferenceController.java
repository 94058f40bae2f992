package org.gridgov.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.gridgov.incident.IncidentResidentReferences;
import org.gridgov.shared.people.ResidentDirectory.ResidentCard;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Opening the resident an incident refers to: grid staff only, scoped and audited. */
@RestController
@Tag(name = "Incidents")
class ResidentReferenceController {

    private final IncidentResidentReferences references;

    ResidentReferenceController(IncidentResidentReferences references) {
        this.references = references;
    }

    @GetMapping("/api/v1/incidents/{id}/resident")
    @Operation(summary = "The resident an incident refers to", description = "Incidents raised from a care visit or "
            + "a safety inspection never name the resident or the address in their text; they keep a reference. Grid "
            + "staff who may see the incident and whose scope covers the resident open it here: name, masked ID "
            + "number and phone, care level, the dwelling's address. Every opening is an audit event "
            + "RESIDENT_REFERENCE_OPENED. 403 for departments, integrators and residents; 404 when the incident refers "
            + "to nobody (incident.resident-reference.none) or the resident is outside my scope.")
    ResidentCard resident(@PathVariable long id) {
        return references.open(id);
    }
}
