package org.gridgov.grid.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.GridLocation;
import org.gridgov.grid.LocateService;
import org.gridgov.shared.DomainException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Which grid is this point in. */
@RestController
@Tag(name = "Locate", description = "Point → the grid that serves it")
class LocateController {

    private final LocateService locator;

    LocateController(LocateService locator) {
        this.locator = locator;
    }

    @GetMapping("/api/v1/locate")
    @Operation(summary = "Locate a point", description = "The deepest active grid containing the point (a dedicated "
            + "grid wins over the micro grid around it). Everyone gets its public grid card (as on "
            + "/api/v1/public/grid-cards); only when the grid lies in the caller's part of the tree (inScope) also the "
            + "grid with its id, the chain from the root (city or district) down and its staff on duty — outside, "
            + "those are null. 404 when no grid contains the point.")
    GridLocation locate(@RequestParam double lat, @RequestParam double lng,
            @Parameter(description = "WGS84 (GPS, default), GCJ02 (Amap/Tencent) or BD09 (Baidu)")
            @RequestParam(defaultValue = "WGS84") CoordSystem coordSystem) {
        return locator.locate(lat, lng, coordSystem).orElseThrow(() -> DomainException.notFound("grid.locate.outside",
                "No active grid contains the point " + lat + ", " + lng));
    }
}
