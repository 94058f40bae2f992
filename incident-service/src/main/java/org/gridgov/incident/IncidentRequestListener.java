package org.gridgov.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.grid.GridDirectory;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.event.IncidentRequested;
import org.gridgov.shared.people.ResidentDirectory.ResidentReference;
import org.gridgov.shared.security.Caller;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opens the incidents other modules ask for (a visit's finding, a failed inspection item) as GRID_PATROL reports in
 * the named grid, on behalf of the worker who found it, and keeps the resident or dwelling the request names as the
 * incident's reference ({@link IncidentResidentReferences}) — never in its text. Idempotent: the request key is the
 * report's idempotency key, so a redelivered event finds the first incident (and its reference is kept once).
 */
@Component
class IncidentRequestListener {

    private static final Logger log = LoggerFactory.getLogger(IncidentRequestListener.class);

    private final IncidentIntake intake;
    private final GridDirectory grids;
    private final IncidentResidentReferences references;

    IncidentRequestListener(IncidentIntake intake, GridDirectory grids, IncidentResidentReferences references) {
        this.intake = intake;
        this.grids = grids;
        this.references = references;
    }

    @ApplicationModuleListener
    void on(IncidentRequested request) {
        Caller requester = new Caller(request.requestedByAccountId(), request.requestedBy(), request.requestedByRole(),
                request.requestedByScopeNodeId(), null, null);
        String gridCode = grids.byId(request.gridId()).map(g -> g.code()).orElse(null);
        String key = "request:" + request.requestKey();
        ReportResult reported;
        try {
            reported = report(requester, request, request.categoryCode(), gridCode, key);
        }
        catch (DomainException ex) {
            if (!"OTHER".equals(request.categoryCode())) {
                log.info("Incident request {}: {} — reported as OTHER instead", request.requestKey(), ex.getMessage());
                reported = report(requester, request, "OTHER", gridCode, key);
            }
            else {
                throw ex;
            }
        }
        references.keep(reported.incident().id(), request.origin(),
                new ResidentReference(request.residentId(), request.dwellingId()));
    }

    private ReportResult report(Caller requester, IncidentRequested request, String category, String gridCode,
            String key) {
        String description = request.description().length() > 4000 ? request.description().substring(0, 4000)
                : request.description();
        return intake.reportAs(requester, new ReportIncidentCommand(category, IncidentSource.GRID_PATROL, description,
                gridCode == null ? request.lat() : null, gridCode == null ? request.lng() : null, null, gridCode, false,
                null), key);
    }
}
