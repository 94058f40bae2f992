package org.gridgov.points.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gridgov.points.EntryLine;
import org.gridgov.points.GrantVoucherService;
import org.gridgov.points.ItemView;
import org.gridgov.points.MallService;
import org.gridgov.points.MyPoints;
import org.gridgov.points.PointsQueries;
import org.gridgov.points.PostedEntry;
import org.gridgov.points.RecordServiceCommand;
import org.gridgov.points.RedemptionView;
import org.gridgov.points.ServiceRecordService;
import org.gridgov.points.ServiceRecordView;
import org.gridgov.points.ServiceTypeView;
import org.gridgov.points.VoucherView;
import org.gridgov.points.WelfarePoolService;
import org.gridgov.shared.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Happiness Card for the mobile app: my points, recording services, the mall, donating. */
@RestController
@RequestMapping("/api/v1/points")
@Tag(name = "Points", description = "幸福卡: my balance and history, service records, the points mall, the welfare pool")
class PointsController {

    private final PointsQueries queries;
    private final ServiceRecordService services;
    private final MallService mall;
    private final WelfarePoolService pool;
    private final GrantVoucherService vouchers;

    PointsController(PointsQueries queries, ServiceRecordService services, MallService mall, WelfarePoolService pool,
            GrantVoucherService vouchers) {
        this.vouchers = vouchers;
        this.queries = queries;
        this.services = services;
        this.mall = mall;
        this.pool = pool;
    }

    record RecordRequest(@NotBlank @Size(max = 40) @Schema(example = "GAS_CHECK") String typeCode,
            @Size(max = 32) @Schema(example = "510116001003G01M01") String gridCode,
            @Size(max = 100) @Schema(example = "3 栋 2 单元 501 张婆婆") String beneficiary,
            @Schema(example = "2026-12-01T02:30:00Z") Instant performedAt, @Schema(example = "1.5") BigDecimal hours,
            @Size(max = 200) @Schema(example = "三义桥社区 3 栋") String place,
            @NotBlank @Size(max = 2000) @Schema(example = "入户燃气安全检查：软管已更换，报警器正常") String description,
            @Size(max = 1000) @Schema(example = "photo-20261201-01.jpg") String photoRefs) {
    }

    record ApprovalNoteRequest(@Size(max = 1000) @Schema(example = "照片与记录一致，同意") String note) {
    }

    record RejectionRequest(@NotBlank @Size(max = 1000) @Schema(example = "缺少现场照片，请补充后重新提交")
            String reason) {
    }

    record DonateRequest(@NotNull @Schema(description = "Whole points; a fraction is refused (400)", example = "50")
            Long amount, @Schema(example = "3") Long communityId) {
    }

    record ClaimRequest(@NotBlank @Size(max = 20) @Schema(example = "7KQ2M9XD4P") String code) {
    }

    @GetMapping("/me")
    @Operation(summary = "My points", description = "Balance, points held by pending redemptions, and what I can "
            + "spend now. Constant time: a maintained balance, not a sum.")
    MyPoints mine() {
        return queries.mine();
    }

    @GetMapping("/me/entries")
    @Operation(summary = "My points history", description = "Each posting on my account with the balance after it, "
            + "newest first.")
    PageResult<EntryLine> history(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.myHistory(page, size);
    }

    @GetMapping("/me/redemptions")
    @Operation(summary = "My redemption codes", description = "Pending codes to show the partner, and the settled ones.")
    List<RedemptionView> myRedemptions() {
        return mall.myRedemptions();
    }

    @PostMapping("/me/donations")
    @Operation(summary = "Donate to a welfare pool (公益池)", description = "To the community given, or else my own. "
            + "Idempotency-Key: a retry donates once. 422 points.insufficient-balance beyond what I can spend.")
    @ResponseStatus(HttpStatus.CREATED)
    PostedEntry donate(@Valid @RequestBody DonateRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return pool.donate(request.amount(), request.communityId(), key);
    }

    @PostMapping("/me/grant-vouchers/claim")
    @Operation(summary = "Claim a welfare-pool voucher into my account", description = "A resident who was handed a "
            + "voucher (a grant of the community's welfare pool to their resident record) and now has the app takes "
            + "its points into their own account, once. Residents only (403 points.voucher.residents-only); 409 "
            + "points.voucher.already-used; 404 points.voucher.unknown-code.")
    VoucherView claimVoucher(@Valid @RequestBody ClaimRequest request) {
        return vouchers.claim(request.code());
    }

    @GetMapping("/service-types")
    @Operation(summary = "The service catalogue", description = "Service types and their earning rules (fixed or per "
            + "hour, monthly cap per person).")
    List<ServiceTypeView> types() {
        return services.types();
    }

    @PostMapping("/service-records")
    @Operation(summary = "Record a service (服务记录)", description = "By a grid worker or volunteer; waits for a "
            + "community worker's approval. Idempotency-Key: a retry records once.")
    ResponseEntity<ServiceRecordView> record(@Valid @RequestBody RecordRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        ServiceRecordView created = services.record(new RecordServiceCommand(request.typeCode(), request.gridCode(),
                request.beneficiary(), request.performedAt(), request.hours(), request.place(), request.description(),
                request.photoRefs()), key == null ? null : key.trim());
        return ResponseEntity.created(URI.create("/api/v1/points/service-records/" + created.id())).body(created);
    }

    @GetMapping("/service-records")
    @Operation(summary = "Service records", description = "Mine, newest first; with review=true the ones inside my "
            + "scope waiting for review (or in the given state), oldest first.")
    PageResult<ServiceRecordView> records(@RequestParam(defaultValue = "false") boolean review,
            @RequestParam(required = false) @Size(max = 10) String state,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return services.list(review, state, page, size);
    }

    @GetMapping("/service-records/{id}")
    @Operation(summary = "A service record", description = "Its worker and the staff whose scope covers its grid.")
    ServiceRecordView recordById(@PathVariable long id) {
        return services.get(id);
    }

    @PostMapping("/service-records/{id}/approve")
    @Operation(summary = "Approve a service record", description = "Posts the points by the rule in force now, capped "
            + "per person and month — once, whatever retries. Never one's own record (422).")
    ServiceRecordView approve(@PathVariable long id, @Valid @RequestBody(required = false) ApprovalNoteRequest body) {
        return services.approve(id, body == null ? null : body.note());
    }

    @PostMapping("/service-records/{id}/reject")
    @Operation(summary = "Reject a service record", description = "With a reason; no points. Never one's own record.")
    ServiceRecordView reject(@PathVariable long id, @Valid @RequestBody RejectionRequest body) {
        return services.reject(id, body.reason());
    }

    @GetMapping("/items")
    @Operation(summary = "Browse the points mall", description = "Items on offer now; all=true also the inactive and "
            + "out-of-window ones.")
    List<ItemView> items(@RequestParam(defaultValue = "false") boolean all) {
        return mall.items(all);
    }

    @PostMapping("/items/{id}/redeem")
    @Operation(summary = "Redeem an item", description = "Holds the price on my account and one unit of stock, "
            + "atomically, and answers with the code to show the partner. 409 sold out, 422 not on offer, over the "
            + "per-person limit or not enough points. Idempotency-Key: a retry redeems once.")
    ResponseEntity<RedemptionView> redeem(@PathVariable long id,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        RedemptionView redemption = mall.redeem(id, key == null ? null : key.trim());
        return ResponseEntity.status(HttpStatus.CREATED).body(redemption);
    }

    @PostMapping("/redemptions/{id}/cancel")
    @Operation(summary = "Cancel my redemption", description = "A pending one: points released, unit back in stock.")
    RedemptionView cancel(@PathVariable long id) {
        return mall.cancel(id);
    }
}
