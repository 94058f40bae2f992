package org.gridgov.resident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.gridgov.resident.HousingLocations;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Where compounds and buildings stand: their dwellings' location for the 15-minute life circle. */
@RestController
@Tag(name = "People and housing", description = "人房数据: compound → building → unit/dwelling in one micro grid; "
        + "shops and enterprises; verification")
class HousingLocationController {

    private final HousingLocations locations;

    HousingLocationController(HousingLocations locations) {
        this.locations = locations;
    }

    record LocationRequest(@Schema(example = "30.6598") Double lat, @Schema(example = "103.9822") Double lng,
            @Schema(description = "WGS84 (default), GCJ02 (Amap, Tencent) or BD09 (Baidu); stored as WGS84",
                    example = "WGS84") String coordSystem) {
    }

    @PutMapping("/api/v1/compounds/{id}/location")
    @Operation(operationId = "locateCompound", summary = "Locate a compound", description = "Where its gate is; its dwellings lie there unless their "
            + "building is located. Managers of the compound's community.")
    HousingLocations.Location locateCompound(@PathVariable long id, @Valid @RequestBody LocationRequest request) {
        return locations.locateCompound(id, request.lat(), request.lng(), request.coordSystem());
    }

    @PutMapping("/api/v1/compounds/{id}/buildings/{buildingId}/location")
    @Operation(operationId = "locateBuilding", summary = "Locate a building", description = "Where it stands: its dwellings lie there. Managers of "
            + "the compound's community.")
    HousingLocations.Location locateBuilding(@PathVariable long id, @PathVariable long buildingId,
            @Valid @RequestBody LocationRequest request) {
        return locations.locateBuilding(id, buildingId, request.lat(), request.lng(), request.coordSystem());
    }
}
