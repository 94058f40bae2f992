package org.gridgov.points;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Welfare-pool vouchers (公益池兑换券), for grants to a resident's record — an elderly person living alone needs no app.
 * Approving such a grant moves the points from the pool to the record's account and holds them there under a code
 * (like a mall redemption's: ten characters, unguessable) that the community prints and hands over. Then, exactly
 * once:
 * <ul>
 * <li>a partner serving the community (or serving no one community) verifies it at the counter (核销): the held
 * points move to the partner, as a mall redemption's do;</li>
 * <li>or the resident, once they have the app, claims it into their own account.</li>
 * </ul>
 * The community's staff and partners can check a code first (what it is worth, whether it was used). Vouchers do not
 * expire: the points are the resident's.
 */
@Service
@Transactional(readOnly = true)
public class GrantVoucherService {

    /** Held until used: a voucher does not lapse (the hold's date is a formality). */
    private static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final PointsLedger ledger;
    private final PointsContext context;
    private final AuditLog audit;
    private final Clock clock;
    private final VoucherCodes codes = new VoucherCodes();

    GrantVoucherService(JdbcTemplate jdbc, PointsLedger ledger, PointsContext context, AuditLog audit,
            Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.context = context;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Issues the voucher of an approved grant to a resident's record: the points on the record's account, held. */
    @Transactional
    VoucherView issue(GrantView grant, long residentAccount, String communityPath) {
        String code = codes.next();
        long hold = ledger.hold(residentAccount, grant.amount(), "grant-voucher:" + grant.id(), NEVER);
        long id = jdbc.queryForObject("""
                insert into grant_voucher (grant_id, code, resident_id, community_id, community_path, account_id,
                    hold_id, amount)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, grant.id(), code, grant.residentId(),
                grant.communityId(), communityPath, residentAccount, hold, grant.amount());
        return voucher(id);
    }

    Optional<VoucherView> ofGrant(long grantId) {
        return jdbc.query("select * from grant_voucher where grant_id = ?", this::row, grantId).stream().findFirst();
    }

    /**
     * Checks a code before honouring or handing it over: the community's staff (inside their scope) see the grant
     * and the resident's record; a partner sees what it is worth and whether it was used.
     */
    public VoucherView check(String code) {
        Caller caller = context.caller();
        VoucherView voucher = find(code, false);
        if (caller.partnerId() != null) {
            return voucher.forPartner();
        }
        context.requireManager(caller);
        if (!context.scope().covers(communityPath(voucher.id()))) {
            throw unknown();
        }
        return voucher;
    }

    /**
     * A partner verifies a voucher (核销): the held points move to the partner's account — once, and only a partner
     * serving the voucher's community or serving no one community.
     */
    @Transactional
    public VoucherView redeem(String code) {
        Caller caller = context.caller();
        if (caller.partnerId() == null) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "points.redemption.not-a-partner",
                    "Only a partner's account verifies codes");
        }
        VoucherView voucher = find(code, true);
        Long partnerCommunity = jdbc.query("select community_id from points_partner where id = ?",
                (rs, i) -> (Long) rs.getObject(1), caller.partnerId()).stream().findFirst().orElse(null);
        if (partnerCommunity != null && partnerCommunity != voucher.communityId()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "points.voucher.other-community",
                    "This voucher is for another community's partners", List.of(new FieldViolation("code",
                            "points.voucher.other-community", "Another community's voucher")));
        }
        requireIssued(voucher);
        ledger.postHold(holdOf(voucher.id()), ledger.merchantAccount(caller.partnerId()), EntryType.REDEEM,
                "grant-voucher:" + voucher.id(), "grant-voucher:" + voucher.id(), caller.username());
        settle(voucher, "REDEEMED", caller.username(), caller.partnerId(), null);
        return voucher(voucher.id()).forPartner();
    }

    /** The resident, now with the app, takes the voucher's points into their own account — once. */
    @Transactional
    public VoucherView claim(String code) {
        Caller caller = context.person();
        if (!caller.hasRole(Role.RESIDENT)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "points.voucher.residents-only",
                    "A voucher is claimed into a resident's own account; staff hand it over");
        }
        VoucherView voucher = find(code, true);
        requireIssued(voucher);
        ledger.postHold(holdOf(voucher.id()), context.personAccount(caller), EntryType.GRANT,
                "grant-voucher:" + voucher.id(), "grant-voucher:" + voucher.id(), caller.username());
        settle(voucher, "CLAIMED", caller.username(), null, caller.accountId());
        return voucher(voucher.id()).forPartner();
    }

    private void settle(VoucherView voucher, String state, String by, Long partnerId, Long claimedBy) {
        jdbc.update("""
                update grant_voucher set state = ?, settled_at = ?, settled_by = ?, partner_id = ?, claimed_by = ?
                 where id = ? and state = 'ISSUED'""", state, Timestamp.from(clock.instant()), by, partnerId, claimedBy,
                voucher.id());
        audit.record("POINTS_VOUCHER_" + state, "grant_voucher", String.valueOf(voucher.id()),
                communityPath(voucher.id()), voucher.amount() + " points");
    }

    private static void requireIssued(VoucherView voucher) {
        if (!voucher.state().equals("ISSUED")) {
            throw new DomainException(DomainException.Kind.CONFLICT, "points.voucher.already-used",
                    "This voucher was already " + voucher.state().toLowerCase(), List.of(new FieldViolation("code",
                            "points.voucher.already-used", voucher.state())), Map.of("state", voucher.state()));
        }
    }

    private VoucherView find(String code, boolean lock) {
        String normalised = code == null ? "" : VoucherCodes.normalise(code);
        return jdbc.query("select * from grant_voucher where code = ?" + (lock ? " for update" : ""), this::row,
                normalised).stream().findFirst().orElseThrow(GrantVoucherService::unknown);
    }

    private static DomainException unknown() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "points.voucher.unknown-code",
                "No voucher has this code", List.of(new FieldViolation("code", "points.voucher.unknown-code",
                        "Unknown code")));
    }

    private long holdOf(long voucherId) {
        return jdbc.queryForObject("select hold_id from grant_voucher where id = ?", Long.class, voucherId);
    }

    private String communityPath(long voucherId) {
        return jdbc.queryForObject("select community_path from grant_voucher where id = ?", String.class, voucherId);
    }

    private VoucherView voucher(long id) {
        return jdbc.query("select * from grant_voucher where id = ?", this::row, id).get(0);
    }

    private VoucherView row(ResultSet rs, int row) throws SQLException {
        return new VoucherView(rs.getLong("id"), rs.getString("code"), rs.getLong("grant_id"),
                rs.getLong("resident_id"), rs.getLong("community_id"), rs.getInt("amount"), rs.getString("state"),
                rs.getTimestamp("issued_at").toInstant(), ServiceRecordService.instant(rs.getTimestamp("settled_at")),
                (Long) rs.getObject("partner_id"));
    }
}
