package org.gridgov.points;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.points.internal.PoolEntryRow;
import org.gridgov.points.internal.PublicPoolMapper;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.people.AccountDirectory.AccountFacts;
import org.gridgov.shared.people.ResidentDirectory.ResidentPlace;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The community welfare pool (公益池): anyone with points donates to a community's pool; a community worker proposes a
 * grant to a person in need with a reason — a person's account bound inside the community, or a resident's record
 * (with or without the app: the grant becomes a voucher the community hands over, {@link GrantVoucherService}) — a
 * second worker approves it (four eyes), and the pool's entries are public with nobody named. A pool is split into sub-accounts so many donations at once do not queue on one row; its
 * balance is their sum and a grant draws on as many as it needs.
 */
@Service
@Transactional(readOnly = true)
public class WelfarePoolService {

    private final JdbcTemplate jdbc;
    private final PointsLedger ledger;
    private final PointsContext context;
    private final AuditLog audit;
    private final PublicPoolMapper publicPools;
    private final GrantVoucherService vouchers;
    private final Clock clock;
    private final PointsNotifications notifications;

    WelfarePoolService(JdbcTemplate jdbc, PointsLedger ledger, PointsContext context, AuditLog audit,
            PublicPoolMapper publicPools, GrantVoucherService vouchers, PointsNotifications notifications,
            Optional<Clock> clock) {
        this.notifications = notifications;
        this.vouchers = vouchers;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.context = context;
        this.audit = audit;
        this.publicPools = publicPools;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Donates my points to a community's pool: the one given, or else my own community.
     *
     * @return the entry posted (or the earlier one, for a repeated idempotency key)
     */
    @Transactional
    public PostedEntry donate(long amount, Long communityId, String idempotencyKey) {
        Caller caller = context.person();
        if (amount <= 0) {
            throw DomainException.invalidField("points.amount-not-positive", "amount", "The amount must be positive");
        }
        GridNodeRef community = communityId != null ? context.community(communityId, "communityId")
                : Optional.ofNullable(caller.scopeNodeId()).flatMap(context::communityOf)
                    .orElseThrow(() -> DomainException.invalidField("points.community.required", "communityId",
                            "Name the community whose pool receives the points"));
        String path = context.indexedPathOf(community.id());
        long[] accounts = ledger.donationAccounts(caller.accountId(), caller.username(), community.id(), path);
        long person = accounts[0];
        long shard = accounts[1];
        String key = idempotencyKey == null ? UUID.randomUUID().toString()
                : "donate:" + caller.accountId() + ":" + idempotencyKey;
        return ledger.post(Transfer.of(EntryType.DONATE, key, null, caller.username(), person, shard, amount)
            .withGridPath(path).withMemo("捐赠"));
    }

    public long poolBalance(long communityId) {
        Long sum = jdbc.queryForObject("""
                select coalesce(sum(balance), 0) from ledger_account where kind = 'POOL' and owner_id = ?""", Long.class,
                communityId);
        return sum == null ? 0 : sum;
    }

    /**
     * A community worker proposes a grant from the pool to one of its people; a second one decides.
     *
     * @throws DomainException 400 without exactly one beneficiary or with an amount that is not positive; 422 when
     *         the account does not exist, is not a person's or is not bound inside the community, or the resident is
     *         unknown or lives elsewhere
     */
    @Transactional
    public GrantView propose(long communityId, GrantBeneficiary beneficiary, int amount, String reason) {
        Caller caller = context.caller();
        context.requireManager(caller);
        String path = context.pathOf(context.community(communityId, "communityId").id());
        context.scope().requireVisible(path, "Community");
        if (amount <= 0) {
            throw DomainException.invalidField("points.amount-not-positive", "amount", "The amount must be positive");
        }
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalidField("points.grant.reason-required", "reason", "Say why");
        }
        requireEntitled(beneficiary, path);
        Long id = jdbc.queryForObject("""
                insert into pool_grant (community_id, community_path, beneficiary_id, resident_id, amount, reason,
                    proposed_by)
                values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, communityId, path, beneficiary.accountId(),
                beneficiary.residentId(), amount, reason, caller.username());
        audit.record("POINTS_GRANT_PROPOSED", "pool_grant", String.valueOf(id), path, amount + " → "
                + (beneficiary.accountId() != null ? "account " + beneficiary.accountId()
                        : "resident " + beneficiary.residentId()));
        GrantView proposed = grant(id);
        notifications.grantToApprove(proposed, caller, path);
        return proposed;
    }

    /**
     * Who may receive a grant from the pool of the community at {@code communityPath}: a person's account bound inside
     * it, or a resident's record living in it — checked when proposed and again when approved (people move).
     */
    private void requireEntitled(GrantBeneficiary beneficiary, String communityPath) {
        if (beneficiary == null || (beneficiary.accountId() == null) == (beneficiary.residentId() == null)) {
            throw DomainException.invalidField("points.grant.beneficiary-required", "accountId",
                    "Name exactly one beneficiary: an account (accountId) or a resident's record (residentId)");
        }
        PathRange community = PathRange.under(communityPath);
        if (beneficiary.accountId() != null) {
            AccountFacts account = context.accounts().account(beneficiary.accountId()).filter(AccountFacts::active)
                .orElseThrow(() -> DomainException.ruleViolation("points.grant.beneficiary-unknown", "accountId",
                        "No active account " + beneficiary.accountId()));
            if (!account.isPerson()) {
                throw DomainException.ruleViolation("points.grant.beneficiary-not-a-person", "accountId",
                        "A " + account.role() + " account does not receive grants: grants are for people in need");
            }
            if (!community.contains(context.accountPath(account.id()))) {
                throw DomainException.ruleViolation("points.grant.beneficiary-not-in-community", "accountId",
                        "The account is not bound inside this community; a resident is granted through their resident "
                                + "record (residentId), with or without the app");
            }
            return;
        }
        ResidentPlace resident = context.residents().place(beneficiary.residentId())
            .orElseThrow(() -> DomainException.ruleViolation("points.grant.resident-unknown", "residentId",
                    "No resident " + beneficiary.residentId()));
        if (!community.contains(resident.gridPath())) {
            throw DomainException.ruleViolation("points.grant.beneficiary-not-in-community", "residentId",
                    "The resident does not live in this community");
        }
    }

    /**
     * The second worker approves: the points move from the pool to the beneficiary, once — to the account, or to the
     * resident's record where they are held under a new voucher code.
     */
    @Transactional
    public GrantView approve(long grantId) {
        Caller caller = context.caller();
        context.requireManager(caller);
        GrantView grant = lockProposed(grantId, caller);
        String communityPath = context.pathOf(grant.communityId());
        requireEntitled(new GrantBeneficiary(grant.beneficiaryId(), grant.residentId()), communityPath);
        List<Long> shards = ledger.poolAccounts(grant.communityId(), communityPath);
        long beneficiary = grant.beneficiaryId() != null
                ? ledger.personAccount(grant.beneficiaryId(), "person " + grant.beneficiaryId())
                : ledger.residentAccount(grant.residentId(), communityPath);
        List<Long> touched = new ArrayList<>(shards);
        touched.add(beneficiary);
        List<Balance> locked = ledger.lockAccounts(touched);
        List<Balance> pool = new ArrayList<>(locked.stream().filter(b -> b.kind() == AccountKind.POOL).toList());
        pool.sort(Comparator.comparingLong(Balance::available).reversed());
        long left = grant.amount();
        List<Leg> legs = new ArrayList<>();
        for (Balance shard : pool) {
            long take = Math.min(left, shard.available());
            if (take > 0) {
                legs.add(new Leg(shard.accountId(), -take));
                left -= take;
            }
        }
        if (left > 0) {
            long available = grant.amount() - left;
            throw DomainException.ruleViolation("points.insufficient-balance", "amount",
                    "The pool has only " + available + " points");
        }
        legs.add(new Leg(beneficiary, grant.amount()));
        PostedEntry entry = ledger.post(new Transfer(EntryType.GRANT, "grant:" + grantId, "grant:" + grantId, null,
                caller.username(), "公益池资助", communityPath, legs));
        if (grant.residentId() != null) {
            vouchers.issue(grant, beneficiary, communityPath);
        }
        jdbc.update("""
                update pool_grant set state = 'APPROVED', decided_by = ?, decided_at = ?, entry_id = ?
                 where id = ? and state = 'PROPOSED'""", caller.username(), Timestamp.from(clock.instant()),
                entry.entryId(), grantId);
        audit.record("POINTS_GRANT_APPROVED", "pool_grant", String.valueOf(grantId), communityPath, null);
        return grant(grantId);
    }

    @Transactional
    public GrantView reject(long grantId) {
        Caller caller = context.caller();
        context.requireManager(caller);
        lockProposed(grantId, caller);
        jdbc.update("""
                update pool_grant set state = 'REJECTED', decided_by = ?, decided_at = ? where id = ? and state = 'PROPOSED'""",
                caller.username(), Timestamp.from(clock.instant()), grantId);
        return grant(grantId);
    }

    private GrantView lockProposed(long grantId, Caller caller) {
        List<GrantView> found = jdbc.query("select * from pool_grant where id = ? for update", this::grantRow,
                grantId);
        if (found.isEmpty() || !context.scope().covers(context.pathOf(found.get(0).communityId()))) {
            throw DomainException.notFound("points.grant.not-found", "Grant not found");
        }
        GrantView grant = found.get(0);
        if (!grant.state().equals("PROPOSED")) {
            throw DomainException.conflict("points.grant.decided", "This grant was already " + grant.state().toLowerCase());
        }
        if (grant.proposedBy().equals(caller.username())) {
            throw DomainException.ruleViolation("points.grant.four-eyes", "id",
                    "A second community worker must decide on a grant, not the one who proposed it");
        }
        return grant;
    }

    public GrantView grant(long id) {
        return jdbc.query("select * from pool_grant where id = ?", this::grantRow, id).stream().findFirst()
            .orElseThrow(() -> DomainException.notFound("points.grant.not-found", "Grant not found"));
    }

    /** The grants of a community's pool inside my scope, newest first. */
    public List<GrantView> grants(long communityId) {
        String path = context.pathOf(context.community(communityId, "communityId").id());
        context.scope().requireVisible(path, "Community");
        return jdbc.query("select * from pool_grant where community_id = ? order by id desc limit 200",
                this::grantRow, communityId);
    }

    /** The pool's public ledger: balance and the last entries, with donors and beneficiaries anonymised. */
    public PublicPoolView publicPool(long communityId) {
        GridNodeRef community = context.community(communityId, "communityId");
        List<PoolEntryRow> entries = jdbc.query("""
                select e.id, e.type, sum(p.amount) as amount, e.created_at, e.source_ref
                  from ledger_account a
                  join posting p on p.account_id = a.id
                  join journal_entry e on e.id = p.entry_id
                 where a.kind = 'POOL' and a.owner_id = ?
                 group by e.id, e.type, e.created_at, e.source_ref
                 order by e.id desc limit 200""", (rs, i) -> new PoolEntryRow(rs.getLong(1), rs.getString(2),
                rs.getLong(3), rs.getTimestamp(4).toInstant(), rs.getString(5)), communityId);
        return publicPools.toView(community, poolBalance(communityId), entries);
    }

    private GrantView grantRow(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        Long residentId = (Long) rs.getObject("resident_id");
        VoucherView voucher = residentId == null || !"APPROVED".equals(rs.getString("state")) ? null
                : vouchers.ofGrant(id).orElse(null);
        return new GrantView(id, rs.getLong("community_id"), (Long) rs.getObject("beneficiary_id"), residentId,
                rs.getInt("amount"), rs.getString("reason"), rs.getString("state"), rs.getString("proposed_by"),
                rs.getString("decided_by"), ServiceRecordService.instant(rs.getTimestamp("decided_at")),
                (Long) rs.getObject("entry_id"), rs.getTimestamp("created_at").toInstant(), voucher);
    }
}
