package org.gridgov.resident.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.gridgov.resident.OverdueVisit;
import org.gridgov.resident.RecordVisitCommand;
import org.gridgov.resident.VisitService;
import org.gridgov.resident.VisitView;
import org.gridgov.shared.PageResult;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Three-colour care: visits and the overdue work list. */
@RestController
@Tag(name = "Care visits", description = "三色服务: visits with place, notes, photos and findings; overdue work list")
class CareController {

    private final VisitService visits;

    CareController(VisitService visits) {
        this.visits = visits;
    }

    private static final String PHOTO_PART = "The photo: JPEG, PNG, WebP or HEIC (checked by content), up to the "
            + "configured size";

    record FindingRequest(@Size(max = 2000) @Schema(example = "厨房燃气软管老化开裂") String description,
            @Schema(example = "true", description = "Open an incident for this finding") Boolean openIncident,
            @Size(max = 40) @Schema(example = "GAS_HAZARD") String incidentCategory) {
    }

    record VisitRequest(@Schema(example = "2026-12-01T09:30:00+08:00") Instant visitedAt,
            @Min(-90) @Max(90) @Schema(example = "30.6745") Double lat,
            @Min(-180) @Max(180) @Schema(example = "104.0712") Double lng,
            @Size(max = 200) @Schema(example = "3栋1单元502") String place,
            @Size(max = 4000) @Schema(example = "老人精神状态良好，药品充足") String notes,
            @Size(max = 20) List<@Valid FindingRequest> findings) {
    }

    @PostMapping("/api/v1/residents/{id}/visits")
    @Operation(summary = "Record a visit (走访)", description = "Time (default now), GPS position, place, notes and "
            + "findings; a finding with openIncident=true is passed on to the incident module as a GRID_PATROL report "
            + "(category default ELDERLY_HELP). Honours Idempotency-Key.")
    ResponseEntity<VisitView> record(@PathVariable long id, @Valid @RequestBody VisitRequest request) {
        VisitView visit = visits.record(id, new RecordVisitCommand(request.visitedAt(), request.lat(), request.lng(),
                request.place(), request.notes(), request.findings() == null ? null : request.findings().stream()
                    .map(f -> f == null ? null : new RecordVisitCommand.Finding(f.description(),
                            Boolean.TRUE.equals(f.openIncident()), f.incidentCategory()))
                    .toList()));
        return ResponseEntity.created(URI.create("/api/v1/residents/" + id + "/visits")).body(visit);
    }

    @GetMapping("/api/v1/residents/{id}/visits")
    @Operation(summary = "A resident's visits", description = "Newest first, with findings and photo ids.")
    List<VisitView> list(@PathVariable long id) {
        return visits.visits(id);
    }

    @PostMapping(path = "/api/v1/visits/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Add a photo to a visit", description = "Multipart `file`: JPEG, PNG, WebP or HEIC by content; "
            + "EXIF (GPS) removed before storing.")
    ResponseEntity<Map<String, Long>> addPhoto(@PathVariable long id,
            @Parameter(description = PHOTO_PART, schema = @Schema(type = "string", format = "binary", description = PHOTO_PART))
            @RequestPart("file") MultipartFile file)
            throws IOException {
        long photoId = visits.addPhoto(id, file.getBytes());
        return ResponseEntity.created(URI.create("/api/v1/visits/" + id + "/photos/" + photoId))
            .body(Map.of("id", photoId));
    }

    @GetMapping("/api/v1/visits/{id}/photos/{photoId}")
    @Operation(summary = "A visit photo", description = "The image bytes.")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        VisitService.Photo photo = visits.photo(id, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.mediaType())).body(photo.content());
    }

    @GetMapping("/api/v1/visits/overdue")
    @Operation(summary = "Overdue visits (work list)", description = "People under care in my scope (optionally under "
            + "nodeId) past the interval of their level (gridgov.residents.care.red/yellow/green), longest overdue "
            + "first, with their grid and its worker. With `dueWithinDays` also those falling due within that many "
            + "days (daysOverdue zero or negative): the phone's three-colour list of visits due.")
    PageResult<OverdueVisit> overdue(@RequestParam(required = false) Long nodeId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(3660) @Parameter(description = "also list visits falling "
                    + "due within this many days from now", example = "3") int dueWithinDays,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return visits.overdue(nodeId, java.time.Duration.ofDays(dueWithinDays), page, size);
    }

    @GetMapping("/api/v1/visits/overdue/by-grid")
    @Operation(summary = "Overdue visits per grid and worker", description = "For each grid in my scope: people "
            + "under care and how many are overdue, with the grid's worker.")
    List<OverdueVisit.GridSummary> byGrid(@RequestParam(required = false) Long nodeId) {
        return visits.overdueByGrid(nodeId);
    }
}
