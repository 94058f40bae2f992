package org.gridgov.points;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.event.PointsRedeemed;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.web.IdempotencyFilter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points mall (积分兑换商城) of the 益·社 partners. Redeeming reserves the points (a hold) and one unit of stock in
 * one transaction and hands out a short unguessable code; the partner verifies the code (核销) and the held points
 * move to the partner's account — exactly once. Codes not verified in time expire: the hold is voided and the unit
 * goes back into stock.
 */
@Service
@Transactional(readOnly = true)
public class MallService {

    private final JdbcTemplate jdbc;
    private final PointsLedger ledger;
    private final PointsContext context;
    private final PointsProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final VoucherCodes codes = new VoucherCodes();
    private final ApplicationEventPublisher events;

    MallService(JdbcTemplate jdbc, PointsLedger ledger, PointsContext context, PointsProperties properties,
            AuditLog audit, Optional<Clock> clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.context = context;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ---------------------------------------------------------------- partners

    public List<PartnerView> partners() {
        return jdbc.query("select * from points_partner order by id", PARTNER);
    }

    public PartnerView partner(long id) {
        return jdbc.query("select * from points_partner where id = ?", PARTNER, id).stream().findFirst()
            .orElseThrow(() -> DomainException.notFound("points.partner.not-found", "Partner not found"));
    }

    @Transactional
    public PartnerView createPartner(CreatePartnerCommand command) {
        context.requireManager(context.caller());
        String path = null;
        if (command.communityId() != null) {
            GridNodeRef community = context.community(command.communityId(), "communityId");
            path = context.pathOf(community.id());
            context.scope().requireVisible(path, "Community");
        }
        Long id = jdbc.queryForObject("""
                insert into points_partner (name, kind, contact_name, contact_phone, community_id, community_path)
                values (?, ?, ?, ?, ?, ?) returning id""", Long.class, command.name(), command.kind(),
                command.contactName(), command.contactPhone(), command.communityId(), path);
        audit.record("POINTS_PARTNER_CREATED", "points_partner", String.valueOf(id), path, command.name());
        return partner(id);
    }

    /** A partner with a fixed id (the demo partner 1 that demo merchant accounts point at), if it is missing. */
    @Transactional
    public void ensurePartner(long id, String name, String kind, Long communityId) {
        String path = communityId == null ? null : context.pathOf(communityId);
        jdbc.update("""
                insert into points_partner (id, name, kind, community_id, community_path) values (?, ?, ?, ?, ?)
                on conflict (id) do nothing""", id, name, kind, communityId, path);
    }

    // ---------------------------------------------------------------- items

    /** Items on offer now (active and inside their validity window); {@code all} adds the others, for managers. */
    public List<ItemView> items(boolean all) {
        if (all) {
            return jdbc.query(ITEM_SELECT + " order by i.id desc", ITEM);
        }
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.query(ITEM_SELECT + " " + """
                 where i.active and (i.valid_from is null or i.valid_from <= ?) and (i.valid_until is null or i.valid_until > ?)
                 order by i.id desc""", ITEM, now, now);
    }

    public ItemView item(long id) {
        return jdbc.query(ITEM_SELECT + " where i.id = ?", ITEM, id).stream().findFirst()
            .orElseThrow(() -> DomainException.notFound("points.item.not-found", "Item not found"));
    }

    @Transactional
    public ItemView createItem(CreateItemCommand command) {
        context.requireManager(context.caller());
        partner(command.partnerId());
        if (command.price() <= 0) {
            throw DomainException.invalidField("points.amount-not-positive", "price", "The price must be positive");
        }
        if (command.stock() != null && command.stock() < 0) {
            throw DomainException.invalidField("points.item.stock-negative", "stock", "Stock cannot be negative");
        }
        if (command.limitPerPerson() != null && command.limitPerPerson() <= 0) {
            throw DomainException.invalidField("points.amount-not-positive", "limitPerPerson", "Must be positive");
        }
        if (command.validFrom() != null && command.validUntil() != null
                && !command.validUntil().isAfter(command.validFrom())) {
            throw DomainException.invalidField("points.item.window", "validUntil", "Must be after validFrom");
        }
        Long id = jdbc.queryForObject("""
                insert into mall_item (partner_id, name, description, picture_url, price, stock, initial_stock,
                    valid_from, valid_until, limit_per_person)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, command.partnerId(), command.name(),
                command.description(), command.pictureUrl(), command.price(), command.stock(), command.stock(),
                ts(command.validFrom()), ts(command.validUntil()), command.limitPerPerson());
        return item(id);
    }

    // ---------------------------------------------------------------- redeem

    /**
     * Redeems an item: holds its price on my account and takes one unit of stock, atomically, and answers with the
     * code to show the partner. The same idempotency key returns the first redemption.
     */
    @Transactional
    public RedemptionView redeem(long itemId, String idempotencyKey) {
        Caller caller = context.person();
        // over HTTP the idempotency filter has claimed this key for the caller already (an earlier request with it is
        // replayed there and never gets here); the look-up is for other callers, and the insert's unique constraint
        // (person, key) answers 409 for a key reused after the filter's retention
        if (idempotencyKey != null && !IdempotencyFilter.claimedInThisRequest(caller.username(), idempotencyKey)) {
            List<RedemptionView> earlier = jdbc.query(REDEMPTION_SELECT + " where r.person_id = ? and r.idempotency_key = ?",
                    REDEMPTION, caller.accountId(), idempotencyKey);
            if (!earlier.isEmpty()) {
                return earlier.get(0);
            }
        }
        ForSale forSale = forSale(itemId);
        ItemView item = forSale.item();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!item.active() || item.validFrom() != null && item.validFrom().isAfter(now)
                || item.validUntil() != null && !item.validUntil().isAfter(now)) {
            throw DomainException.ruleViolation("points.item.not-available", "itemId",
                    "This item is not on offer now (expired or not yet valid)");
        }
        long account = context.personAccount(caller);
        String code = newCode();
        Instant expiresAt = now.plus(properties.redemptionValidity());
        // the hold locks my account's row first: it serialises my redemptions, so the per-person limit holds under
        // double clicks (a refusal below rolls the hold back with the rest)
        long hold = ledger.hold(account, item.price(), "redemption:" + code, expiresAt);
        if (item.limitPerPerson() != null) {
            Long mine = jdbc.queryForObject("""
                    select count(*) from redemption where item_id = ? and person_id = ? and state in ('PENDING', 'VERIFIED')""",
                    Long.class, itemId, caller.accountId());
            if (mine >= item.limitPerPerson()) {
                throw DomainException.ruleViolation("points.item.limit-reached", "itemId",
                        "You already redeemed this item " + mine + " time(s), the most allowed per person");
            }
        }
        if (item.stock() != null) {
            int taken = jdbc.update("update mall_item set stock = stock - 1 where id = ? and stock > 0", itemId);
            if (taken == 0) {
                throw new DomainException(DomainException.Kind.CONFLICT, "points.item.out-of-stock",
                        "This item is sold out",
                        List.of(new FieldViolation("itemId", "points.item.out-of-stock", "Sold out")));
            }
        }
        List<Long> inserted = jdbc.queryForList("""
                insert into redemption (code, item_id, partner_id, person_id, hold_id, price, created_at, expires_at,
                    idempotency_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (person_id, idempotency_key) do nothing returning id""", Long.class, code, itemId,
                item.partnerId(), caller.accountId(), hold, item.price(), Timestamp.from(now),
                Timestamp.from(expiresAt), idempotencyKey);
        if (inserted.isEmpty()) {
            throw DomainException.conflict("points.redemption.idempotency-key-used",
                    "This Idempotency-Key was used for an earlier redemption");
        }
        long id = inserted.get(0);
        events.publishEvent(new PointsRedeemed(id, itemId, item.name(), item.partnerId(), item.price(),
                forSale.communityPath(), now, expiresAt));
        // the view from what was just written: no read-back
        return new RedemptionView(id, code, itemId, item.name(), item.partnerId(), item.price(), "PENDING", now,
                expiresAt, null);
    }

    /** An item with its partner's community path, as one read: what a redemption needs to know of what it buys. */
    private record ForSale(ItemView item, String communityPath) {
    }

    private ForSale forSale(long itemId) {
        return jdbc.query("""
                select i.*, p.name as partner_name, p.community_path as partner_community_path
                  from mall_item i join points_partner p on p.id = i.partner_id where i.id = ?""",
                (rs, row) -> new ForSale(ITEM.mapRow(rs, row), rs.getString("partner_community_path")), itemId)
            .stream().findFirst()
            .orElseThrow(() -> DomainException.notFound("points.item.not-found", "Item not found"));
    }

    /** My redemptions and their codes, newest first. */
    public List<RedemptionView> myRedemptions() {
        Caller caller = context.person();
        return jdbc.query(REDEMPTION_SELECT + " where r.person_id = ? order by r.id desc limit 200", REDEMPTION,
                caller.accountId());
    }

    /** The calling partner's redemptions (verified and waiting), newest first. */
    public List<RedemptionView> partnerRedemptionsForCaller() {
        Caller caller = context.caller();
        if (caller.partnerId() == null) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "points.redemption.not-a-partner",
                    "Only a partner's account lists its redemptions");
        }
        return partnerRedemptions(caller.partnerId());
    }

    /** A partner's redemptions (verified and waiting), newest first. */
    public List<RedemptionView> partnerRedemptions(long partnerId) {
        return jdbc.query(REDEMPTION_SELECT + " where r.partner_id = ? order by r.id desc limit 200", REDEMPTION,
                partnerId);
    }

    /**
     * The partner verifies a code (核销): the held points move to the partner's account. Only the partner's own codes,
     * once: a second time is 409.
     */
    @Transactional
    public RedemptionView verify(String code) {
        Caller caller = context.caller();
        if (caller.partnerId() == null) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "points.redemption.not-a-partner",
                    "Only a partner's account verifies codes");
        }
        String normalised = VoucherCodes.normalise(code);
        List<Locked> found = jdbc.query("""
                select id, partner_id, hold_id, state, expires_at from redemption where code = ? for update""",
                (rs, i) -> new Locked(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), normalised);
        if (found.isEmpty()) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "points.redemption.unknown-code",
                    "No redemption has this code", List.of(new FieldViolation("code", "points.redemption.unknown-code",
                            "Unknown code")));
        }
        Locked redemption = found.get(0);
        if (redemption.partnerId() != caller.partnerId()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "points.redemption.other-partner",
                    "This code was issued for another partner's item", List.of(new FieldViolation("code",
                            "points.redemption.other-partner", "Another partner's code")));
        }
        if (!redemption.state().equals("PENDING")) {
            throw new DomainException(DomainException.Kind.CONFLICT, "points.redemption." + (redemption.state()
                .equals("VERIFIED") ? "already-verified" : "not-pending"),
                    "This code was already " + redemption.state().toLowerCase(), List.of(new FieldViolation("code",
                            "points.redemption.not-pending", redemption.state())), Map.of("state", redemption.state()));
        }
        if (!redemption.expiresAt().isAfter(clock.instant())) {
            throw new DomainException(DomainException.Kind.CONFLICT, "points.redemption.expired",
                    "This code has expired", List.of(new FieldViolation("code", "points.redemption.expired",
                            "Expired")));
        }
        ledger.postHold(redemption.holdId(), ledger.merchantAccount(redemption.partnerId()), EntryType.REDEEM,
                "redemption:" + redemption.id(), "redemption:" + redemption.id(), caller.username());
        jdbc.update("""
                update redemption set state = 'VERIFIED', verified_at = ?, verified_by = ? where id = ? and state = 'PENDING'""",
                Timestamp.from(clock.instant()), caller.username(), redemption.id());
        return redemption(redemption.id());
    }

    /** The redeemer gives a pending redemption back: the hold is voided, the unit back in stock. */
    @Transactional
    public RedemptionView cancel(long id) {
        Caller caller = context.person();
        List<Locked> found = jdbc.query("""
                select id, partner_id, hold_id, state, expires_at from redemption where id = ? and person_id = ? for update""",
                (rs, i) -> new Locked(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), id, caller.accountId());
        if (found.isEmpty()) {
            throw DomainException.notFound("points.redemption.not-found", "Redemption not found");
        }
        if (!found.get(0).state().equals("PENDING")) {
            throw DomainException.conflict("points.redemption.not-pending", "This redemption is already settled");
        }
        release(found.get(0), "CANCELLED");
        return redemption(id);
    }

    /**
     * Expires pending redemptions past their date, oldest first, rows taken with SKIP LOCKED so a second runner (or
     * a verification in flight) is never waited for or doubled.
     *
     * @return how many expired
     */
    @Transactional
    public int expireOverdue(int batch) {
        List<Locked> due = jdbc.query("""
                select id, partner_id, hold_id, state, expires_at from redemption
                 where state = 'PENDING' and expires_at <= ?
                 order by expires_at limit ? for update skip locked""",
                (rs, i) -> new Locked(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), Timestamp.from(clock.instant()), batch);
        due.forEach(r -> release(r, "EXPIRED"));
        return due.size();
    }

    private void release(Locked redemption, String state) {
        if (ledger.voidHold(redemption.holdId())) {
            jdbc.update("""
                    update mall_item set stock = stock + 1
                     where id = (select item_id from redemption where id = ?) and stock is not null""", redemption.id());
        }
        jdbc.update("update redemption set state = ? where id = ? and state = 'PENDING'", state, redemption.id());
    }

    public RedemptionView redemption(long id) {
        return jdbc.query(REDEMPTION_SELECT + " where r.id = ?", REDEMPTION, id).get(0);
    }

    private String newCode() {
        return codes.next();
    }

    private record Locked(long id, long partnerId, long holdId, String state, Instant expiresAt) {
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static final RowMapper<PartnerView> PARTNER = (rs, i) -> new PartnerView(rs.getLong("id"),
            rs.getString("name"), rs.getString("kind"), rs.getString("contact_name"), rs.getString("contact_phone"),
            (Long) rs.getObject("community_id"), rs.getBoolean("active"));

    private static final String ITEM_SELECT = """
            select i.*, p.name as partner_name from mall_item i join points_partner p on p.id = i.partner_id""";

    private static final RowMapper<ItemView> ITEM = (rs, i) -> new ItemView(rs.getLong("id"), rs.getLong("partner_id"),
            rs.getString("partner_name"), rs.getString("name"), rs.getString("description"),
            rs.getString("picture_url"), rs.getInt("price"), (Integer) rs.getObject("stock"),
            ServiceRecordService.instant(rs.getTimestamp("valid_from")),
            ServiceRecordService.instant(rs.getTimestamp("valid_until")), (Integer) rs.getObject("limit_per_person"),
            rs.getBoolean("active"));

    private static final String REDEMPTION_SELECT = """
            select r.*, i.name as item_name from redemption r join mall_item i on i.id = r.item_id""";

    private static final RowMapper<RedemptionView> REDEMPTION = (rs, i) -> new RedemptionView(rs.getLong("id"),
            rs.getString("code"), rs.getLong("item_id"), rs.getString("item_name"), rs.getLong("partner_id"),
            rs.getInt("price"), rs.getString("state"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("expires_at").toInstant(), ServiceRecordService.instant(rs.getTimestamp("verified_at")));
}
