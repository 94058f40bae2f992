package org.gridgov.resident.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.gridgov.resident.CompoundView;
import org.gridgov.resident.DwellingView;
import org.gridgov.resident.HousingService;
import org.gridgov.resident.PlaceView;
import org.gridgov.resident.ResidentService;
import org.gridgov.resident.ResidentView;
import org.gridgov.shared.PageResult;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Compounds, buildings, dwellings and places; door-to-door verification. */
@RestController
@Tag(name = "People and housing", description = "人房数据: compound → building → unit/dwelling in one micro grid; "
        + "shops and enterprises; verification")
class HousingController {

    private final HousingService housing;
    private final ResidentService residents;

    HousingController(HousingService housing, ResidentService residents) {
        this.housing = housing;
        this.residents = residents;
    }

    record CompoundRequest(@Size(max = 40) @Schema(example = "SYQ-01") String code,
            @Size(max = 100) @Schema(example = "三义桥小区") String name,
            @Size(max = 200) @Schema(example = "三义桥街12号") String address,
            @Schema(example = "7", description = "The community (社区) the compound belongs to") Long communityId) {
    }

    record BuildingRequest(@Size(max = 40) @Schema(example = "3") String code,
            @Size(max = 100) @Schema(example = "3栋") String name) {
    }

    record DwellingRequest(@Size(max = 20) @Schema(example = "1") String unit,
            @Size(max = 20) @Schema(example = "502") String room,
            @Schema(example = "42", description = "The micro grid the dwelling belongs to") Long gridId,
            @Schema(example = "false") Boolean partyCentre) {
    }

    record DwellingVerificationRequest(@Size(max = 500) @Schema(example = "户主已更换为其子，信息已更正") String note) {
    }

    record PlaceRequest(@Schema(example = "SHOP", description = "SHOP or ENTERPRISE") String kind,
            @Size(max = 100) @Schema(example = "三义桥便民超市") String name,
            @Size(max = 200) @Schema(example = "三义桥街8号") String address,
            @Size(max = 50) @Schema(example = "王强") String contactName, @Schema(example = "42") Long gridId) {
    }

    @PostMapping("/api/v1/compounds")
    @Operation(summary = "Create a compound (小区/院落)", description = "In a COMMUNITY inside your scope; code unique.")
    ResponseEntity<CompoundView> createCompound(@Valid @RequestBody CompoundRequest request) {
        CompoundView created = housing.createCompound(request.code(), request.name(), request.address(),
                request.communityId());
        return ResponseEntity.created(URI.create("/api/v1/compounds/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/compounds")
    @Operation(summary = "Compounds I may see", description = "In my community, or with a dwelling in my grid; "
            + "optionally under one grid (nodeId) and by part of the name.")
    PageResult<CompoundView> compounds(@RequestParam(required = false) Long nodeId,
            @RequestParam(required = false) @Size(max = 100) String name,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return housing.compounds(nodeId, name, page, size);
    }

    @GetMapping("/api/v1/compounds/{id}")
    @Operation(summary = "A compound and its buildings", description = "Dwelling counts are those I may see.")
    CompoundView compound(@PathVariable long id) {
        return housing.compound(id);
    }

    @PostMapping("/api/v1/compounds/{id}/buildings")
    @Operation(summary = "Add a building (楼栋)", description = "Code unique within the compound.")
    ResponseEntity<CompoundView.BuildingView> createBuilding(@PathVariable long id,
            @Valid @RequestBody BuildingRequest request) {
        var created = housing.createBuilding(id, request.code(), request.name());
        return ResponseEntity.created(URI.create("/api/v1/compounds/" + id)).body(created);
    }

    @PostMapping("/api/v1/buildings/{id}/dwellings")
    @Operation(summary = "Add a dwelling (户)", description = "Unit (单元) and room; gridId names the MICRO_GRID it lies "
            + "in (a building's units may lie in different micro grids). 422 resident.dwelling.not-micro-grid for any "
            + "other grid.")
    ResponseEntity<DwellingView> createDwelling(@PathVariable long id, @Valid @RequestBody DwellingRequest request) {
        DwellingView created = housing.createDwelling(id, request.unit(), request.room(), request.gridId(),
                Boolean.TRUE.equals(request.partyCentre()));
        return ResponseEntity.created(URI.create("/api/v1/dwellings/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/dwellings")
    @Operation(summary = "My households", description = "Dwellings in my scope (a grid worker: their grid), optionally "
            + "under one grid (nodeId), in one building, or not verified within `unverifiedMonths`.")
    PageResult<DwellingView> dwellings(@RequestParam(required = false) Long nodeId,
            @RequestParam(required = false) Long buildingId,
            @RequestParam(required = false) @Min(0) @Max(120) Integer unverifiedMonths,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return housing.dwellings(nodeId, buildingId, unverifiedMonths, page, size);
    }

    @GetMapping("/api/v1/dwellings/{id}")
    @Operation(summary = "A dwelling", description = "With its grid, verification and how many live there.")
    DwellingView dwelling(@PathVariable long id) {
        return housing.dwelling(id);
    }

    @GetMapping("/api/v1/dwellings/{id}/residents")
    @Operation(summary = "A household's residents", description = "Who lives there now; personal data masked.")
    List<ResidentView> household(@PathVariable long id) {
        return residents.household(id);
    }

    @PostMapping("/api/v1/dwellings/{id}/verification")
    @Operation(summary = "Verify a dwelling (人房数据核验)", description = "Confirms the record on site, or notes the "
            + "correction; records who and when. Counts toward the grid's verification coverage.")
    DwellingView verify(@PathVariable long id, @Valid @RequestBody(required = false) DwellingVerificationRequest request) {
        return housing.verify(id, request == null ? null : request.note());
    }

    @PostMapping("/api/v1/places")
    @Operation(summary = "Record a shop or enterprise", description = "kind SHOP or ENTERPRISE, in a grid of my scope.")
    ResponseEntity<PlaceView> createPlace(@Valid @RequestBody PlaceRequest request) {
        PlaceView created = housing.createPlace(request.kind(), request.name(), request.address(),
                request.contactName(), request.gridId());
        return ResponseEntity.created(URI.create("/api/v1/places?kind=" + created.kind())).body(created);
    }

    @GetMapping("/api/v1/places")
    @Operation(summary = "Shops and enterprises I may see", description = "Optionally of one kind.")
    PageResult<PlaceView> places(@RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return housing.places(kind, page, size);
    }
}
