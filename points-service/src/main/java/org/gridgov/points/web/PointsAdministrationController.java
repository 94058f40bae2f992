package org.gridgov.points.web;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.gridgov.points.CreateItemCommand;
import org.gridgov.points.CreatePartnerCommand;
import org.gridgov.points.EntryLine;
import org.gridgov.points.GrantBeneficiary;
import org.gridgov.points.GrantVoucherService;
import org.gridgov.points.GrantView;
import org.gridgov.points.ItemView;
import org.gridgov.points.MallService;
import org.gridgov.points.PartnerView;
import org.gridgov.points.PointsQueries;
import org.gridgov.points.RankingRow;
import org.gridgov.points.RedemptionView;
import org.gridgov.points.ServiceRecordService;
import org.gridgov.points.ServiceTypeView;
import org.gridgov.points.SatisfactionRankingRow;
import org.gridgov.points.VoucherView;
import org.gridgov.points.WelfarePoolService;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Running the Happiness Card: rules, partners and items, verification, pool grants, the ledger, rankings. */
@RestController
@RequestMapping("/api/v1/points")
@Tag(name = "Points administration", description = "Catalogue rules, 益·社 partners and items, verifying codes (核销), "
        + "welfare pool grants, the ledger browser and monthly rankings")
class PointsAdministrationController {

    private final ServiceRecordService services;
    private final MallService mall;
    private final WelfarePoolService pool;
    private final PointsQueries queries;
    private final GrantVoucherService vouchers;

    PointsAdministrationController(ServiceRecordService services, MallService mall, WelfarePoolService pool,
            PointsQueries queries, GrantVoucherService vouchers) {
        this.vouchers = vouchers;
        this.services = services;
        this.mall = mall;
        this.pool = pool;
        this.queries = queries;
    }

    record ServiceTypeRequest(@NotBlank @Size(max = 100) @Schema(example = "入户燃气安全检查") String name,
            @NotNull @Pattern(regexp = "FIXED|PER_HOUR") @Schema(example = "FIXED") String ruleKind,
            @NotNull @Schema(example = "10") Integer points, @Schema(example = "200") Integer monthlyCap,
            @Schema(example = "true") Boolean active) {
    }

    record PartnerRequest(@NotBlank @Size(max = 100) @Schema(example = "三义桥便民超市") String name,
            @NotNull @Pattern(regexp = "SOCIAL_ENTERPRISE|MERCHANT|RESIDENT_GROUP") @Schema(example = "MERCHANT")
            String kind, @Size(max = 50) @Schema(example = "刘店长") String contactName,
            @Size(max = 20) @Schema(example = "028-85800000") String contactPhone,
            @Schema(example = "3") Long communityId) {
    }

    record ItemRequest(@NotNull @Schema(example = "1") Long partnerId,
            @NotBlank @Size(max = 100) @Schema(example = "洗衣液 2 kg") String name,
            @Size(max = 2000) @Schema(example = "凭兑换码到店领取") String description,
            @Size(max = 500) @Schema(example = "https://example.org/items/detergent.jpg") String pictureUrl,
            @NotNull @Schema(example = "80") Integer price, @Schema(example = "50") Integer stock,
            @Schema(example = "2026-12-01T00:00:00Z") Instant validFrom,
            @Schema(example = "2027-03-31T16:00:00Z") Instant validUntil, @Schema(example = "2") Integer limitPerPerson) {
    }

    record VerifyRequest(@NotBlank @Size(max = 20) @Schema(example = "7KQ2M9XD4P") String code) {
    }

    record GrantRequest(
            @Schema(description = "An account (a grid worker or community worker of this community) to grant to; "
                    + "give this or residentId", example = "42") Long accountId,
            @Schema(description = "A resident's record (resident-service's id) living in this community, with or "
                    + "without the app: the grant becomes a voucher the community hands over; give this or accountId",
                    example = "1207") Long residentId,
            @Schema(description = "Deprecated: the former name of accountId", deprecated = true) Long beneficiaryId,
            @NotNull @Schema(description = "Whole points; a fraction is refused (400)", example = "200") Integer amount,
            @NotBlank @Size(max = 1000) @Schema(example = "独居老人冬季取暖补助") String reason) {

        GrantBeneficiary beneficiary() {
            return new GrantBeneficiary(accountId != null ? accountId : beneficiaryId, residentId);
        }
    }

    record VoucherCodeRequest(@NotBlank @Size(max = 20) @Schema(example = "7KQ2M9XD4P") String code) {
    }

    @PutMapping("/service-types/{code}")
    @Operation(summary = "Create or edit a service type's rule", description = "Rules are data: an edit bumps the "
            + "version; entries keep the rule they were paid by.")
    ServiceTypeView saveType(@PathVariable @Size(max = 40) String code, @Valid @RequestBody ServiceTypeRequest request) {
        return services.saveType(code, request.name(), request.ruleKind(), request.points(), request.monthlyCap(),
                !Boolean.FALSE.equals(request.active()));
    }

    @GetMapping("/partners")
    @Operation(summary = "Partners of the 益·社 alliance", description = "Social enterprises, merchants, resident groups.")
    List<PartnerView> partners() {
        return mall.partners();
    }

    @PostMapping("/partners")
    @Operation(summary = "Add a partner", description = "With contact and the community it serves.")
    @ResponseStatus(HttpStatus.CREATED)
    PartnerView createPartner(@Valid @RequestBody PartnerRequest request) {
        return mall.createPartner(new CreatePartnerCommand(request.name(), request.kind(), request.contactName(),
                request.contactPhone(), request.communityId()));
    }

    @PostMapping("/items")
    @Operation(summary = "Add a mall item", description = "Price in points, stock (absent: unlimited), validity window, "
            + "limit per person.")
    @ResponseStatus(HttpStatus.CREATED)
    ItemView createItem(@Valid @RequestBody ItemRequest request) {
        return mall.createItem(new CreateItemCommand(request.partnerId(), request.name(), request.description(),
                request.pictureUrl(), request.price(), request.stock(), request.validFrom(), request.validUntil(),
                request.limitPerPerson()));
    }

    @PostMapping("/redemptions/verify")
    @Operation(summary = "Verify a redemption code (核销)", description = "By the partner whose item it is: the held "
            + "points move to the partner. 409 when already verified or expired, 403 for another partner's code.")
    RedemptionView verify(@Valid @RequestBody VerifyRequest request) {
        return mall.verify(request.code());
    }

    @GetMapping("/redemptions")
    @Operation(summary = "My partner's redemptions", description = "For a merchant account: the codes of its items.")
    List<RedemptionView> partnerRedemptions() {
        return mall.partnerRedemptionsForCaller();
    }

    @GetMapping("/pools/{communityId}/grants")
    @Operation(summary = "Grants of a welfare pool", description = "Proposed and decided, inside my scope.")
    List<GrantView> grants(@PathVariable long communityId) {
        return pool.grants(communityId);
    }

    @PostMapping("/pools/{communityId}/grants")
    @Operation(summary = "Propose a grant from the pool", description = "To a person in need of this community, with "
            + "a reason; a second community worker decides. The beneficiary is exactly one of: `accountId`, an active "
            + "person's account bound inside the community (its grid workers and community workers); `residentId`, "
            + "a resident's record living in the community, with or without the app (the grant becomes a voucher). "
            + "400 points.grant.beneficiary-required; 422 points.grant.beneficiary-unknown, "
            + "points.grant.beneficiary-not-a-person (merchants, administrators, integrators), "
            + "points.grant.resident-unknown, points.grant.beneficiary-not-in-community.")
    @ResponseStatus(HttpStatus.CREATED)
    GrantView propose(@PathVariable long communityId, @Valid @RequestBody GrantRequest request) {
        return pool.propose(communityId, request.beneficiary(), request.amount(), request.reason());
    }

    @PostMapping("/grants/{id}/approve")
    @Operation(summary = "Approve a grant", description = "By a worker other than the proposer: the points move from "
            + "the pool to the beneficiary, once — to the account, or to the resident's record, held under a voucher "
            + "code (`voucher.code`) for the community to hand over. The beneficiary is checked again.")
    GrantView approveGrant(@PathVariable long id) {
        return pool.approve(id);
    }

    @PostMapping("/grant-vouchers/check")
    @Operation(summary = "Check a welfare-pool voucher", description = "What a voucher is worth and whether it was "
            + "used. The community's staff (inside their scope) also see its grant and resident's record; a partner "
            + "sees amount, state and community. 404 points.voucher.unknown-code.")
    VoucherView checkVoucher(@Valid @RequestBody VoucherCodeRequest request) {
        return vouchers.check(request.code());
    }

    @PostMapping("/grant-vouchers/redeem")
    @Operation(summary = "Verify a welfare-pool voucher (核销)", description = "By a partner serving the voucher's "
            + "community (or serving no one community): the held points move to the partner, once. 409 "
            + "points.voucher.already-used; 403 points.voucher.other-community; 404 points.voucher.unknown-code.")
    VoucherView redeemVoucher(@Valid @RequestBody VoucherCodeRequest request) {
        return vouchers.redeem(request.code());
    }

    @GetMapping("/people/{accountId}/entries")
    @Operation(summary = "A person's ledger", description = "The postings of a person's points, by their account id (as "
            + "account lists and rankings name people), for the managers whose scope covers the grid the account is "
            + "bound to: a community worker sees their grid workers' ledgers. Empty while the person has none; 404 "
            + "outside my scope.")
    PageResult<EntryLine> personEntries(@PathVariable long accountId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.personHistory(accountId, page, size);
    }

    @PostMapping("/grants/{id}/reject")
    @Operation(summary = "Reject a grant", description = "By a worker other than the proposer.")
    GrantView rejectGrant(@PathVariable long id) {
        return pool.reject(id);
    }

    @GetMapping("/accounts/{id}/entries")
    @Operation(summary = "Ledger browser", description = "An account's postings with the running balance, newest first. "
            + "A person's account for the managers whose scope covers the grid the person's account is bound to; a "
            + "pool's or a resident record's by its community; partners' and the system's for city-wide managers.")
    PageResult<EntryLine> accountEntries(@PathVariable long id, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.accountHistory(id, page, size);
    }

    @GetMapping("/rankings")
    @Operation(summary = "Monthly ranking by points earned", description = "People who earned points for work in the "
            + "grid's subtree (a community, a street) in the month (yyyy-MM, default this month).")
    List<RankingRow> rankings(@RequestParam long nodeId, @RequestParam(required = false) @Size(max = 7) String month,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return queries.ranking(nodeId, month(month), limit);
    }

    @GetMapping("/rankings/satisfaction")
    @Operation(summary = "Monthly ranking by residents' satisfaction (居民满意网格员)", description = "Workers by the "
            + "average stars residents gave the incidents they resolved in the grid's subtree, rated in the month "
            + "(yyyy-MM, default this month); ties go to more ratings.")
    List<SatisfactionRankingRow> satisfactionRankings(@RequestParam long nodeId,
            @RequestParam(required = false) @Size(max = 7) String month,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return queries.satisfactionRanking(nodeId, month(month), limit);
    }

    private static YearMonth month(String month) {
        try {
            return month == null ? YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")) : YearMonth.parse(month);
        }
        catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalidField("points.month", "month", "yyyy-MM");
        }
    }
}
