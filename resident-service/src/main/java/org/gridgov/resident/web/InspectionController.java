package org.gridgov.resident.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.gridgov.resident.CampaignView;
import org.gridgov.resident.ChecklistView;
import org.gridgov.resident.HazardView;
import org.gridgov.resident.InspectionService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Safety inspections: checklists, campaigns, filled checklists, hazards. */
@RestController
@Tag(name = "Safety inspections", description = "安全排查: checklists as data, campaigns over a subtree, hazards")
class InspectionController {

    private final InspectionService inspections;

    InspectionController(InspectionService inspections) {
        this.inspections = inspections;
    }

    record ChecklistRequest(@Size(max = 100) @Schema(example = "燃气安全排查") String name,
            @Size(max = 100) List<ChecklistView.Item> items, @Schema(example = "true") Boolean active) {
    }

    record CampaignRequest(@Size(max = 100) @Schema(example = "2026年冬季燃气安全排查") String name,
            @Schema(example = "GAS_SAFETY") String checklistCode,
            @Schema(example = "7", description = "The subtree the campaign covers") Long nodeId,
            @Schema(example = "2026-12-01") LocalDate startsOn, @Schema(example = "2026-12-31") LocalDate endsOn) {
    }

    record InspectionRequest(@Schema(example = "1201") Long dwellingId,
            @Size(max = 100) List<InspectionService.ItemResult> results,
            @Schema(example = "true", description = "Turn each failed item into an incident at once") Boolean openIncidents,
            @Size(max = 40) @Schema(example = "GAS_HAZARD") String incidentCategory) {
    }

    record HazardIncidentRequest(@Size(max = 40) @Schema(example = "GAS_HAZARD") String category) {
    }

    @GetMapping("/api/v1/checklists")
    @Operation(summary = "Safety checklists", description = "E.g. GAS_SAFETY: hose age, valve, detector, ventilation.")
    List<ChecklistView> checklists() {
        return inspections.checklists();
    }

    @PutMapping("/api/v1/checklists/{code}")
    @Operation(summary = "Define or change a checklist", description = "Items as data: [{code, text}].")
    ChecklistView define(@PathVariable String code, @Valid @RequestBody ChecklistRequest request) {
        return inspections.defineChecklist(code, request.name(), request.items(),
                !Boolean.FALSE.equals(request.active()));
    }

    @PostMapping("/api/v1/inspection-campaigns")
    @Operation(summary = "Start an inspection campaign", description = "Over the subtree under nodeId (in my scope), "
            + "from startsOn (default today) to endsOn (default +30 days).")
    ResponseEntity<CampaignView> create(@Valid @RequestBody CampaignRequest request) {
        CampaignView created = inspections.createCampaign(request.name(), request.checklistCode(), request.nodeId(),
                request.startsOn(), request.endsOn());
        return ResponseEntity.created(URI.create("/api/v1/inspection-campaigns/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/inspection-campaigns")
    @Operation(summary = "Inspection campaigns", description = "Those over my part of the tree, with progress.")
    List<CampaignView> campaigns() {
        return inspections.campaigns();
    }

    @GetMapping("/api/v1/inspection-campaigns/{id}")
    @Operation(summary = "A campaign and its progress per grid", description = "Dwellings, inspected, hazards per "
            + "micro grid I may see.")
    CampaignView campaign(@PathVariable long id) {
        return inspections.campaign(id);
    }

    @PostMapping("/api/v1/inspection-campaigns/{id}/inspections")
    @Operation(summary = "Fill the checklist for a dwelling", description = "Every item answered (passed true/false, "
            + "note); each failed item becomes a hazard, passed on as an incident when openIncidents (category default "
            + "GAS_HAZARD). Once per dwelling and campaign. Honours Idempotency-Key.")
    ResponseEntity<List<HazardView>> inspect(@PathVariable long id, @Valid @RequestBody InspectionRequest request) {
        List<HazardView> hazards = inspections.inspect(id, request.dwellingId(), request.results(),
                Boolean.TRUE.equals(request.openIncidents()), request.incidentCategory());
        return ResponseEntity.created(URI.create("/api/v1/hazards?campaignId=" + id)).body(hazards);
    }

    @GetMapping("/api/v1/hazards")
    @Operation(summary = "Hazards", description = "Failed items I may see, optionally of one campaign and status "
            + "(OPEN, INCIDENT_REQUESTED); newest first, at most 500.")
    List<HazardView> hazards(@RequestParam(required = false) Long campaignId,
            @RequestParam(required = false) String status) {
        return inspections.hazards(campaignId, status);
    }

    @PostMapping("/api/v1/hazards/{id}/incident")
    @Operation(summary = "Pass a hazard on as an incident", description = "Once; a second call changes nothing.")
    HazardView incident(@PathVariable long id, @Valid @RequestBody(required = false) HazardIncidentRequest request) {
        return inspections.requestIncident(id, request == null ? null : request.category());
    }
}
