package org.gridgov.points;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.points.internal.PoolEntryRow;
import org.gridgov.points.internal.PublicPoolMapper;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The community welfare pool (公益池): anyone with points donates to a community's pool; a community worker proposes a
 * grant to a person in need with a reason, a second worker approves it (four eyes), and the pool's entries are
 * public with nobody named. A pool is split into sub-accounts so many donations at once do not queue on one row; its
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
    private final Clock clock;

    WelfarePoolService(JdbcTemplate jdbc, PointsLedger ledger, PointsContext context, AuditLog audit,
            PublicPoolMapper publicPools, Optional<Clock> clock) {
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
        String path = context.pathOf(community.id());
        List<Long> shards = ledger.poolAccounts(community.id(), path);
        long shard = shards.get(ThreadLocalRandom.current().nextInt(shards.size()));
        long person = context.personAccount(caller);
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

    /** A community worker proposes a grant from the pool; a second one decides. */
    @Transactional
    public GrantView propose(long communityId, long beneficiaryId, int amount, String reason) {
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
        Long id = jdbc.queryForObject("""
                insert into pool_grant (community_id, community_path, beneficiary_id, amount, reason, proposed_by)
                values (?, ?, ?, ?, ?, ?) returning id""", Long.class, communityId, path, beneficiaryId, amount, reason,
                caller.username());
        audit.record("POINTS_GRANT_PROPOSED", "pool_grant", String.valueOf(id), path, amount + " → " + beneficiaryId);
        return grant(id);
    }

    /** The second worker approves: the points move from the pool to the beneficiary, once. */
    @Transactional
    public GrantView approve(long grantId) {
        Caller caller = context.caller();
        context.requireManager(caller);
        GrantView grant = lockProposed(grantId, caller);
        List<Long> shards = ledger.poolAccounts(grant.communityId(), context.pathOf(grant.communityId()));
        long beneficiary = ledger.personAccount(grant.beneficiaryId(), "person " + grant.beneficiaryId());
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
                caller.username(), "公益池资助", grant.communityId() == 0 ? null : context.pathOf(grant.communityId()),
                legs));
        jdbc.update("""
                update pool_grant set state = 'APPROVED', decided_by = ?, decided_at = ?, entry_id = ?
                 where id = ? and state = 'PROPOSED'""", caller.username(), Timestamp.from(clock.instant()),
                entry.entryId(), grantId);
        audit.record("POINTS_GRANT_APPROVED", "pool_grant", String.valueOf(grantId), null, null);
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
        List<GrantView> found = jdbc.query("select * from pool_grant where id = ? for update", GRANT, grantId);
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
        return jdbc.query("select * from pool_grant where id = ?", GRANT, id).stream().findFirst()
            .orElseThrow(() -> DomainException.notFound("points.grant.not-found", "Grant not found"));
    }

    /** The grants of a community's pool inside my scope, newest first. */
    public List<GrantView> grants(long communityId) {
        String path = context.pathOf(context.community(communityId, "communityId").id());
        context.scope().requireVisible(path, "Community");
        return jdbc.query("select * from pool_grant where community_id = ? order by id desc limit 200", GRANT,
                communityId);
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

    private static final RowMapper<GrantView> GRANT = (rs, i) -> new GrantView(rs.getLong("id"),
            rs.getLong("community_id"), rs.getLong("beneficiary_id"), rs.getInt("amount"), rs.getString("reason"),
            rs.getString("state"), rs.getString("proposed_by"), rs.getString("decided_by"),
            ServiceRecordService.instant(rs.getTimestamp("decided_at")), (Long) rs.getObject("entry_id"),
            rs.getTimestamp("created_at").toInstant());
}
