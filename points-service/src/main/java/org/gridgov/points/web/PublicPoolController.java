package org.gridgov.points.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.gridgov.points.PublicPoolView;
import org.gridgov.points.WelfarePoolService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The welfare pools' ledgers are public. */
@RestController
@Tag(name = "Public welfare pool", description = "公益池: every entry of a community's pool, nobody named; no login")
class PublicPoolController {

    private final WelfarePoolService pool;

    PublicPoolController(WelfarePoolService pool) {
        this.pool = pool;
    }

    @GetMapping("/api/v1/public/points/pools/{communityId}")
    @Operation(summary = "A welfare pool's public ledger", description = "Balance and entries (donations in, grants "
            + "out); donors and beneficiaries are not named.")
    PublicPoolView pool(@PathVariable long communityId) {
        return pool.publicPool(communityId);
    }
}
