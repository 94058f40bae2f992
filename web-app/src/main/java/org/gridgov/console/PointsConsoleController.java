package org.gridgov.console;

import org.gridgov.shared.security.Role;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.identity.ScopedPrincipal;
import org.gridgov.points.CreateItemCommand;
import org.gridgov.points.CreatePartnerCommand;
import org.gridgov.points.GrantBeneficiary;
import org.gridgov.points.MallService;
import org.gridgov.points.PointsQueries;
import org.gridgov.points.RecordServiceCommand;
import org.gridgov.points.ServiceRecordService;
import org.gridgov.points.ServiceRecordView;
import org.gridgov.points.WelfarePoolService;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.people.AccountDirectory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Happiness Card pages: my points (record a service, the mall, my codes), verifying codes for partners, and for
 * community workers and above the review queue, the catalogue and its rules, partners and items, the welfare pool and
 * its grants, the ledger browser and the monthly rankings. Every rule is the points services'; a refusal comes back
 * as a flash error.
 */
@Controller
@RequestMapping("/points")
@PreAuthorize("isAuthenticated()")
class PointsConsoleController {

    private static final String MANAGERS = Role.Expressions.MANAGERS;

    private final PointsQueries queries;
    private final ServiceRecordService services;
    private final MallService mall;
    private final WelfarePoolService pool;
    private final GridDirectory grids;
    private final AccountDirectory accounts;

    PointsConsoleController(PointsQueries queries, ServiceRecordService services, MallService mall,
            WelfarePoolService pool, GridDirectory grids, AccountDirectory accounts) {
        this.accounts = accounts;
        this.queries = queries;
        this.services = services;
        this.mall = mall;
        this.pool = pool;
        this.grids = grids;
    }

    // ---------------------------------------------------------------- mine

    @GetMapping
    String home(@AuthenticationPrincipal ScopedPrincipal me, Model model) {
        boolean person = me.accountId() != null && me.partnerId() == null;
        model.addAttribute("person", person);
        if (person) {
            model.addAttribute("mine", queries.mine());
            model.addAttribute("history", queries.myHistory(0, 20).items());
            model.addAttribute("records", services.list(false, null, 0, 20).items());
            model.addAttribute("redemptions", mall.myRedemptions());
            model.addAttribute("types", services.types().stream().filter(t -> t.active()).toList());
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        }
        if (me.partnerId() != null) {
            model.addAttribute("partnerRedemptions", mall.partnerRedemptions(me.partnerId()));
        }
        model.addAttribute("items", mall.items(false));
        return "points/home";
    }

    @PostMapping("/service-records")
    String record(@RequestParam String typeCode, @RequestParam(required = false) String gridCode,
            @RequestParam(required = false) String beneficiary, @RequestParam(required = false) BigDecimal hours,
            @RequestParam(required = false) String place, @RequestParam String description,
            @RequestParam String idempotencyKey, RedirectAttributes redirect) {
        return act(redirect, "/points", "points.flash.recorded", () -> services.record(new RecordServiceCommand(
                typeCode, blank(gridCode), blank(beneficiary), null, hours, blank(place), description, null),
                idempotencyKey));
    }

    @PostMapping("/items/{id}/redeem")
    String redeem(@PathVariable long id, @RequestParam String idempotencyKey, RedirectAttributes redirect) {
        return act(redirect, "/points", "points.flash.redeemed", () -> mall.redeem(id, idempotencyKey));
    }

    @PostMapping("/redemptions/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "/points", "points.flash.cancelled", () -> mall.cancel(id));
    }

    @PostMapping("/donations")
    String donate(@RequestParam long amount, @RequestParam(required = false) Long communityId,
            @RequestParam String idempotencyKey, RedirectAttributes redirect) {
        return act(redirect, "/points", "points.flash.donated", () -> pool.donate(amount, communityId, idempotencyKey));
    }

    @PostMapping("/verify")
    @PreAuthorize(Role.Expressions.MERCHANT)
    String verify(@RequestParam String code, RedirectAttributes redirect) {
        return act(redirect, "/points", "points.flash.verified", () -> mall.verify(code));
    }

    // ---------------------------------------------------------------- review

    @GetMapping("/review")
    @PreAuthorize(MANAGERS)
    String review(@RequestParam(defaultValue = "SUBMITTED") String state,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String period, @RequestParam(defaultValue = "0") int page, Model model) {
        if ("week".equals(period)) {
            LocalDate today = LocalDate.now(ConsoleTimes.ZONE);
            from = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            to = from.plusDays(6);
        }
        var records = services.review(state, from, to, Math.max(0, page), 50);
        model.addAttribute("records", records.items());
        model.addAttribute("recordPage", records);
        model.addAttribute("workerNames", workerNames(records.items()));
        model.addAttribute("state", state);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "points/review";
    }

    /** Workers by the name others see (display name), never by login; the login only when no account is found. */
    private java.util.Map<Long, String> workerNames(List<ServiceRecordView> records) {
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        if (!records.isEmpty()) {
            accounts.accounts(records.stream().map(ServiceRecordView::workerId).distinct().toList())
                .forEach(a -> names.put(a.id(), a.publicName()));
        }
        records.forEach(r -> names.putIfAbsent(r.workerId(), r.workerName()));
        return names;
    }

    /**
     * Approves or rejects the selected records at once (this week's services in one go). Each record is decided on
     * its own: one that was decided meanwhile or is out of scope is counted as failed, the others go through.
     */
    @PostMapping("/service-records/batch")
    @PreAuthorize(MANAGERS)
    String batch(@RequestParam(name = "ids", required = false) List<Long> ids, @RequestParam String decision,
            @RequestParam(required = false) String reason, @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        String to = back != null && back.startsWith("/points/review") ? back : "/points/review";
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("error", "points.batch.none");
            redirect.addFlashAttribute("errorKey", true);
            return "redirect:" + to;
        }
        boolean approve = "approve".equals(decision);
        if (!approve && (reason == null || reason.isBlank())) {
            redirect.addFlashAttribute("error", "points.batch.reason");
            redirect.addFlashAttribute("errorKey", true);
            return "redirect:" + to;
        }
        int done = 0;
        String firstError = null;
        for (Long id : ids) {
            try {
                if (approve) {
                    services.approve(id, null);
                }
                else {
                    services.reject(id, reason.trim());
                }
                done++;
            }
            catch (DomainException ex) {
                firstError = firstError == null ? ex.getMessage() : firstError;
            }
        }
        redirect.addFlashAttribute("batchDone", done);
        redirect.addFlashAttribute("batchFailed", ids.size() - done);
        if (firstError != null) {
            redirect.addFlashAttribute("error", firstError);
        }
        return "redirect:" + to;
    }

    @PostMapping("/service-records/{id}/approve")
    @PreAuthorize(MANAGERS)
    String approve(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return act(redirect, "/points/review", "points.flash.approved", () -> services.approve(id, blank(note)));
    }

    @PostMapping("/service-records/{id}/reject")
    @PreAuthorize(MANAGERS)
    String reject(@PathVariable long id, @RequestParam String reason, RedirectAttributes redirect) {
        return act(redirect, "/points/review", "points.flash.rejected", () -> services.reject(id, reason));
    }

    // ---------------------------------------------------------------- catalogue

    @GetMapping("/catalogue")
    @PreAuthorize(MANAGERS)
    String catalogue(Model model) {
        model.addAttribute("types", services.types());
        return "points/catalogue";
    }

    @PostMapping("/catalogue")
    @PreAuthorize(Role.Expressions.SYSTEM_ADMIN)
    String saveType(@RequestParam String code, @RequestParam String name, @RequestParam String ruleKind,
            @RequestParam int points, @RequestParam(required = false) Integer monthlyCap,
            @RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect) {
        return act(redirect, "/points/catalogue", "points.flash.saved",
                () -> services.saveType(code, name, ruleKind, points, monthlyCap, active));
    }

    // ---------------------------------------------------------------- mall

    @GetMapping("/mall")
    @PreAuthorize(MANAGERS)
    String mall(Model model) {
        model.addAttribute("partners", mall.partners());
        model.addAttribute("items", mall.items(true));
        return "points/mall";
    }

    @PostMapping("/partners")
    @PreAuthorize(MANAGERS)
    String createPartner(@RequestParam String name, @RequestParam String kind,
            @RequestParam(required = false) String contactName, @RequestParam(required = false) String contactPhone,
            @RequestParam(required = false) Long communityId, RedirectAttributes redirect) {
        return act(redirect, "/points/mall", "points.flash.saved", () -> mall.createPartner(new CreatePartnerCommand(
                name, kind, blank(contactName), blank(contactPhone), communityId)));
    }

    @PostMapping("/items")
    @PreAuthorize(MANAGERS)
    String createItem(@RequestParam long partnerId, @RequestParam String name,
            @RequestParam(required = false) String description, @RequestParam int price,
            @RequestParam(required = false) Integer stock, @RequestParam(required = false) Integer limitPerPerson,
            RedirectAttributes redirect) {
        return act(redirect, "/points/mall", "points.flash.saved", () -> mall.createItem(new CreateItemCommand(
                partnerId, name, blank(description), null, price, stock, null, null, limitPerPerson)));
    }

    // ---------------------------------------------------------------- welfare pool

    @GetMapping("/pool")
    @PreAuthorize(MANAGERS)
    String pool(@AuthenticationPrincipal ScopedPrincipal me, @RequestParam(required = false) Long communityId,
            Model model) {
        Long community = communityId != null ? communityId : ownCommunity(me).orElse(null);
        model.addAttribute("communityId", community);
        if (community != null) {
            model.addAttribute("pool", pool.publicPool(community));
            model.addAttribute("grants", pool.grants(community));
        }
        return "points/pool";
    }

    @PostMapping("/pool/{communityId}/grants")
    @PreAuthorize(MANAGERS)
    String propose(@PathVariable long communityId, @RequestParam(required = false) Long accountId,
            @RequestParam(required = false) Long residentId, @RequestParam int amount, @RequestParam String reason,
            RedirectAttributes redirect) {
        return act(redirect, "/points/pool?communityId=" + communityId, "points.flash.proposed",
                () -> pool.propose(communityId, new GrantBeneficiary(accountId, residentId), amount, reason));
    }

    @PostMapping("/grants/{id}/approve")
    @PreAuthorize(MANAGERS)
    String approveGrant(@PathVariable long id, @RequestParam long communityId, RedirectAttributes redirect) {
        return act(redirect, "/points/pool?communityId=" + communityId, "points.flash.approved",
                () -> pool.approve(id));
    }

    @PostMapping("/grants/{id}/reject")
    @PreAuthorize(MANAGERS)
    String rejectGrant(@PathVariable long id, @RequestParam long communityId, RedirectAttributes redirect) {
        return act(redirect, "/points/pool?communityId=" + communityId, "points.flash.rejected",
                () -> pool.reject(id));
    }

    // ---------------------------------------------------------------- ledger and rankings

    @GetMapping("/ledger")
    @PreAuthorize(MANAGERS)
    String ledger(@RequestParam(required = false) Long accountId, @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "0") int accountPage,
            Model model) {
        String wanted = kind == null || kind.isBlank() ? null : kind;
        model.addAttribute("kind", wanted);
        var accountList = queries.accounts(wanted, Math.max(0, accountPage), 50);
        model.addAttribute("accounts", accountList.items());
        model.addAttribute("accountList", accountList);
        if (accountId != null) {
            model.addAttribute("accountId", accountId);
            var lines = queries.accountHistory(accountId, Math.max(0, page), 100);
            model.addAttribute("lines", lines.items());
            model.addAttribute("linePage", lines);
        }
        return "points/ledger";
    }

    @GetMapping("/rankings")
    @PreAuthorize(MANAGERS)
    String rankings(@AuthenticationPrincipal ScopedPrincipal me, @RequestParam(required = false) Long nodeId,
            @RequestParam(required = false) String month, Model model) {
        Long node = nodeId != null ? nodeId : me.scopeNodeId();
        YearMonth ym;
        try {
            ym = month == null || month.isBlank() ? YearMonth.now(ConsoleTimes.ZONE) : YearMonth.parse(month);
        }
        catch (java.time.format.DateTimeParseException e) {
            ym = YearMonth.now(ConsoleTimes.ZONE);
        }
        model.addAttribute("month", ym.toString());
        model.addAttribute("nodeId", node);
        model.addAttribute("rows", node == null ? List.of() : queries.ranking(node, ym, 50));
        model.addAttribute("satisfaction", node == null ? List.of() : queries.satisfactionRanking(node, ym, 50));
        return "points/rankings";
    }

    // ---------------------------------------------------------------- helpers

    private Optional<Long> ownCommunity(ScopedPrincipal me) {
        if (me.scopeNodeId() == null) {
            return Optional.empty();
        }
        return grids.chain(me.scopeNodeId()).stream().filter(n -> n.type() == GridType.COMMUNITY)
            .map(GridNodeRef::id).findFirst();
    }

    private static String act(RedirectAttributes redirect, String to, String message, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", message);
        }
        catch (DomainException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:" + to;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
