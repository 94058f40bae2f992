package org.gridgov.grid.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.BoundaryView;
import org.gridgov.grid.CreateGridNodeCommand;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridNodeService;
import org.gridgov.grid.GridNodeView;
import org.gridgov.grid.GridType;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.web.ETags;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The grid tree over REST: nodes, moves, retirement and boundaries. */
@RestController
@RequestMapping("/api/v1/grids")
@Tag(name = "Grids", description = "The grid tree: district → street → community → general / micro / dedicated grids")
class GridNodeController {

    private final GridNodeService grids;
    private final JsonMapper json;

    GridNodeController(GridNodeService grids, JsonMapper json) {
        this.grids = grids;
        this.json = json;
    }

    record CreateGridNodeRequest(
            @Pattern(regexp = "[0-9A-Za-z_-]{2,32}", message = "2 to 32 letters, digits, '_' or '-'")
            @Schema(description = "GB/T 2260 code for district (6 digits), street (9) and community (12); below, the "
                    + "parent's code + G/M/D + 2-3 digits, generated when omitted (docs/API.md \"Grid codes\")",
                    example = "510116001") String code,
            @NotBlank @Size(max = 100) @Schema(example = "东升街道") String name,
            @NotNull @Schema(example = "STREET") GridType type,
            @Size(max = 32) @Schema(description = "the parent's code; omit for a district", example = "510116") String parentCode,
            @Schema(description = "has its own party organisation", example = "true") Boolean partyOrganisation,
            @Schema(description = "GeoJSON Polygon or MultiPolygon, WGS84 [lng, lat]", example = BOUNDARY_EXAMPLE)
            Map<String, Object> boundary) {
    }

    record ChangeGridNodeRequest(@NotBlank @Size(max = 100) @Schema(example = "三义桥社区") String name,
            @Schema(description = "has its own party organisation; unchanged when omitted", example = "true")
            Boolean partyOrganisation) {
    }

    record MoveRequest(
            @NotBlank @Size(max = 32) @Schema(description = "code of the new parent", example = "510116001003G02")
            String parentCode) {
    }

    record BoundaryRequest(
            @NotNull
            @Schema(description = "GeoJSON Polygon or MultiPolygon, WGS84 [lng, lat]", example = BOUNDARY_EXAMPLE)
            Map<String, Object> boundary,
            @Schema(description = "from when the new boundary holds; default now", example = "2026-12-01T00:00:00Z")
            Instant validFrom) {
    }

    /** A small square of 三义桥社区 in 东升街道, 双流区 (WGS84, [lng, lat], closed ring). */
    static final String BOUNDARY_EXAMPLE = "{\"type\":\"Polygon\",\"coordinates\":[[[103.9301,30.5702],"
            + "[103.9341,30.5702],[103.9341,30.5731],[103.9301,30.5731],[103.9301,30.5702]]]}";

    record BoundaryResponse(long id, @JsonRawValue @Schema(type = "object", description = "GeoJSON geometry") String geometry,
            Instant validFrom, Instant validTo) {

        static BoundaryResponse of(BoundaryView view) {
            return new BoundaryResponse(view.id(), view.geoJson(), view.validFrom(), view.validTo());
        }
    }

    @GetMapping
    @Operation(summary = "List children of a grid", description = "The direct children of `parentId` (the roots "
            + "— cities, and districts without a city — when omitted), ordered by code. Retired children only with "
            + "`includeRetired`.")
    PageResult<GridNodeView> children(@RequestParam(required = false) Long parentId,
            @RequestParam(defaultValue = "false") boolean includeRetired,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return grids.children(parentId, includeRetired, PageRequest.of(page, size));
    }

    @PostMapping
    @Operation(summary = "Create a grid node", description = "The parent must be of the allowed type: a CITY is a root; "
            + "a DISTRICT hangs under a CITY or is a root; STREET under DISTRICT, COMMUNITY under STREET, GENERAL_GRID "
            + "under COMMUNITY, MICRO_GRID under GENERAL_GRID, DEDICATED_GRID under COMMUNITY or STREET. Roots need a "
            + "city-wide account. The code follows the code rule (docs/API.md): a wrong shape or prefix is 422 naming "
            + "`code`; below the community it may be omitted and is generated. A boundary must meet the geometry rules "
            + "(docs/API.md): within the nearest drawn ancestor, no overlap with siblings — else 422 naming both grids "
            + "(grid, otherGrid). Honours "
            + "Idempotency-Key.")
    ResponseEntity<GridNodeView> create(@Valid @RequestBody CreateGridNodeRequest request) {
        GridNodeView created = grids.create(new CreateGridNodeCommand(request.code(), request.name(), request.type(),
                request.parentCode(), Boolean.TRUE.equals(request.partyOrganisation()), geoJson(request.boundary())));
        return ResponseEntity.created(URI.create("/api/v1/grids/" + created.id()))
            .eTag(ETags.of(created.version()))
            .body(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a grid node", description = "With its ETag for later updates.")
    ResponseEntity<GridNodeView> get(@PathVariable long id) {
        GridNodeView view = grids.get(id);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping("/by-code/{code}")
    @Operation(summary = "Get a grid node by code", description = "Codes are the official administrative codes down "
            + "to communities and generated codes below (also printed on grid cards).")
    ResponseEntity<GridNodeView> byCode(@PathVariable String code) {
        GridNodeView view = grids.getByCode(code);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename a grid node", description = "Requires If-Match with the node's ETag.")
    ResponseEntity<GridNodeView> change(@PathVariable long id, @Valid @RequestBody ChangeGridNodeRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        GridNodeView view = grids.change(id, request.name(), Boolean.TRUE.equals(request.partyOrganisation()),
                ETags.requireVersion(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/{id}/move")
    @Operation(summary = "Move a subtree under another parent", description = "Atomic: the node, all its "
            + "descendants and everything every module keeps about them (incidents, residents, points, webhooks, the "
            + "audit log) move together, so data scope and figures follow at once. Refused when the type rule breaks, "
            + "the new parent is inside the subtree, or the node's boundary does not lie within the new parent or "
            + "overlaps a new sibling (422 naming both grids). Audited on both sides (GRID_MOVED, GRID_MOVED_AWAY). "
            + "Requires If-Match.")
    ResponseEntity<GridNodeView> move(@PathVariable long id, @Valid @RequestBody MoveRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        GridNodeView view = grids.move(id, request.parentCode(), ETags.requireVersion(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/{id}/retire")
    @Operation(summary = "Retire a grid node", description = "Grids are never deleted. Refused with 409 while the "
            + "node has active children or staff on duty after today (an assignment's assignedTo is its last day, "
            + "inclusive: a grid may be retired on that day). Requires If-Match.")
    ResponseEntity<GridNodeView> retire(@PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        GridNodeView view = grids.retire(id, ETags.requireVersion(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping("/{id}/chain")
    @Operation(summary = "Chain up to the root", description = "From the root (a city, or a district where no city is "
            + "kept) down to the node, inclusive.")
    List<GridNodeRef> chain(@PathVariable long id) {
        return grids.chain(id);
    }

    @GetMapping("/{id}/boundary")
    @Operation(summary = "Current boundary", description = "GeoJSON geometry in WGS84; 404 when the grid has none.")
    BoundaryResponse boundary(@PathVariable long id) {
        return grids.currentBoundary(id).map(BoundaryResponse::of)
            .orElseThrow(() -> DomainException.notFound("grid.boundary.none", "Grid " + id + " has no boundary"));
    }

    @GetMapping("/{id}/boundaries")
    @Operation(summary = "Boundary history", description = "Every boundary the grid has had, newest first, with "
            + "validity periods.")
    List<BoundaryResponse> boundaries(@PathVariable long id) {
        return grids.boundaryHistory(id).stream().map(BoundaryResponse::of).toList();
    }

    @PutMapping("/{id}/boundary")
    @Operation(summary = "Redraw the boundary", description = "The old boundary is kept with its validity period. "
            + "Must be a valid Polygon/MultiPolygon within the nearest drawn ancestor, not overlapping a sibling, and "
            + "still around the node's own drawn children (geometry rules in docs/API.md; 422 naming both grids). "
            + "Requires If-Match with the node's ETag.")
    ResponseEntity<BoundaryResponse> changeBoundary(@PathVariable long id, @Valid @RequestBody BoundaryRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        BoundaryView view = grids.changeBoundary(id, geoJson(request.boundary()), request.validFrom(),
                ETags.requireVersion(ifMatch));
        return ResponseEntity.status(HttpStatus.OK).eTag(ETags.of(grids.get(id).version()))
            .body(BoundaryResponse.of(view));
    }

    private String geoJson(Map<String, Object> geometry) {
        return geometry == null ? null : json.writeValueAsString(geometry);
    }
}
