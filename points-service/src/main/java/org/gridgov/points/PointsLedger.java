package org.gridgov.points;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import org.gridgov.shared.DomainException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The double-entry points ledger, in plain JDBC because it is the hot path. Every movement is one journal entry of
 * postings that sum to zero (a statement trigger refuses anything else); balances are maintained columns updated in
 * the same transaction, and person and pool balances can never go negative (a CHECK on the table). Accounts touched
 * by a transfer are locked in ascending id order ({@code SELECT … ORDER BY id FOR UPDATE}), so two transfers between
 * the same accounts in opposite directions wait for each other instead of deadlocking.
 * <p>
 * Idempotent: an entry whose idempotency key, or whose (type, source reference), already exists is not posted again;
 * the earlier entry is returned with {@code replayed = true}.
 */
@Service
@Transactional
public class PointsLedger {

    // The four statements of a transfer; benchmarks/points/pgbench/transfer.sql runs the same ones.
    static final String INSERT_ENTRY = """
            insert into journal_entry (type, idempotency_key, source_ref, rule, actor, memo, grid_path)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing
            returning id""";
    static final String LOCK_ACCOUNTS = """
            select id, kind, balance, held from ledger_account
             where id = any (?) order by id for update""";
    static final String UPDATE_BALANCES = """
            update ledger_account a
               set balance = a.balance + v.amount,
                   held = a.held - case when a.id = ? then ? else 0 end
              from unnest(?::bigint[], ?::bigint[]) as v (id, amount)
             where a.id = v.id""";
    static final String INSERT_POSTINGS = """
            insert into posting (entry_id, account_id, amount, balance_after)
            select ?, v.id, v.amount, a.balance
              from unnest(?::bigint[], ?::bigint[]) as v (id, amount)
              join ledger_account a on a.id = v.id""";

    static final long ISSUANCE = 1;
    static final long EXPIRY = 2;

    private final JdbcTemplate jdbc;
    private final PointsProperties properties;

    PointsLedger(JdbcTemplate jdbc, PointsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    // ---------------------------------------------------------------- accounts

    /** The account of a person (an identity account), created on first use. */
    public long personAccount(long personId, String name) {
        return ensure(AccountKind.PERSON, personId, 0, name, null);
    }

    /**
     * The account of a resident's record (resident-service's id) in a community, created on first use: grants to
     * people without the app land here, held under a voucher.
     */
    public long residentAccount(long residentId, String communityPath) {
        return ensure(AccountKind.RESIDENT, residentId, 0, "居民 #" + residentId, communityPath);
    }

    /** The account of a partner (merchant, social enterprise, resident group), created on first use. */
    public long merchantAccount(long partnerId) {
        return ensure(AccountKind.MERCHANT, partnerId, 0, "partner " + partnerId, null);
    }

    /**
     * The sub-accounts of a community's welfare pool, created on first use; the pool's balance is their sum. One
     * statement once they exist (it used to be one per shard).
     */
    public List<Long> poolAccounts(long communityId, String communityPath) {
        Map<Integer, Long> byShard = new TreeMap<>();
        jdbc.query("select shard, id from ledger_account where kind = 'POOL' and owner_id = ? and shard < ?",
                rs -> {
                    byShard.put(rs.getInt(1), rs.getLong(2));
                }, communityId, properties.poolShards());
        List<Long> ids = new ArrayList<>();
        for (int shard = 0; shard < properties.poolShards(); shard++) {
            Long id = byShard.get(shard);
            ids.add(id != null ? id : ensure(AccountKind.POOL, communityId, shard, "公益池", communityPath));
        }
        return ids;
    }

    /**
     * What a donation moves between: the donor's own account and one sub-account of the community's pool, picked at
     * random so donations into one busy pool spread over its shards as before — read with one statement (created on
     * first use).
     *
     * @return {@code [person account, pool shard account]}
     */
    public long[] donationAccounts(long personId, String personName, long communityId, String communityPath) {
        int shard = ThreadLocalRandom.current().nextInt(properties.poolShards());
        Long[] found = new Long[2];
        jdbc.query("""
                select kind, id from ledger_account
                 where (kind = 'PERSON' and owner_id = ? and shard = 0) or (kind = 'POOL' and owner_id = ? and shard = ?)""",
                rs -> {
                    found["PERSON".equals(rs.getString(1)) ? 0 : 1] = rs.getLong(2);
                }, personId, communityId, shard);
        long person = found[0] != null ? found[0] : personAccount(personId, personName);
        long pool = found[1] != null ? found[1] : firstPoolUse(communityId, shard, communityPath);
        return new long[] { person, pool };
    }

    /** A pool's first use makes all its shards in one statement, so later donations find whichever they pick. */
    private long firstPoolUse(long communityId, int shard, String communityPath) {
        jdbc.update("""
                insert into ledger_account (kind, owner_id, shard, name, grid_path)
                select 'POOL', ?, s, '公益池', ? from generate_series(0, ? - 1) s
                on conflict (kind, owner_id, shard) do nothing""", communityId, communityPath,
                properties.poolShards());
        return jdbc.queryForObject("select id from ledger_account where kind = 'POOL' and owner_id = ? and shard = ?",
                Long.class, communityId, shard);
    }

    /** One of the issuance sub-accounts, at random: earnings all over the city do not queue on one row. */
    public long issuanceAccount() {
        int shard = ThreadLocalRandom.current().nextInt(properties.issuanceShards());
        return jdbc.queryForObject("select id from ledger_account where kind = 'SYSTEM' and owner_id = ? and shard = ?",
                Long.class, ISSUANCE, shard);
    }

    public long expiryAccount() {
        return jdbc.queryForObject("select id from ledger_account where kind = 'SYSTEM' and owner_id = ? and shard = 0",
                Long.class, EXPIRY);
    }

    private long ensure(AccountKind kind, long ownerId, int shard, String name, String gridPath) {
        List<Long> found = jdbc.queryForList(
                "select id from ledger_account where kind = ? and owner_id = ? and shard = ?", Long.class, kind.name(),
                ownerId, shard);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        // a concurrent first use inserts nothing here and then reads the row the other one made
        jdbc.update("""
                insert into ledger_account (kind, owner_id, shard, name, grid_path) values (?, ?, ?, ?, ?)
                on conflict (kind, owner_id, shard) do nothing""", kind.name(), ownerId, shard, name, gridPath);
        return jdbc.queryForObject("select id from ledger_account where kind = ? and owner_id = ? and shard = ?",
                Long.class, kind.name(), ownerId, shard);
    }

    // ---------------------------------------------------------------- reads

    /** The maintained balance of one account: one row, no sum. */
    @Transactional(readOnly = true)
    public Balance balance(long accountId) {
        List<Balance> found = jdbc.query("select id, kind, balance, held from ledger_account where id = ?",
                (rs, i) -> new Balance(rs.getLong(1), AccountKind.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getLong(4)), accountId);
        if (found.isEmpty()) {
            throw DomainException.notFound("points.account.not-found", "Points account not found");
        }
        return found.get(0);
    }

    // ---------------------------------------------------------------- transfers

    /**
     * Posts a balanced transfer as one journal entry, or finds the entry an earlier identical request posted.
     *
     * @throws DomainException 400 for a non-positive amount or legs that do not balance; 422
     *         {@code points.insufficient-balance} when a person or pool would go below zero (nothing is posted)
     */
    public PostedEntry post(Transfer transfer) {
        return post(transfer, null, 0);
    }

    PostedEntry post(Transfer transfer, Long releaseHoldOn, long releasedAmount) {
        Map<Long, Long> net = validate(transfer);
        Long entryId = insertEntry(transfer);
        if (entryId == null) {
            return new PostedEntry(existing(transfer), true);
        }
        List<Balance> locked = lock(net.keySet());
        for (Balance account : locked) {
            long change = net.get(account.accountId());
            long held = releaseHoldOn != null && releaseHoldOn == account.accountId() ? releasedAmount : 0;
            if (account.kind().guarded() && change < 0 && account.available() + held + change < 0) {
                throw insufficient(account.available() + held);
            }
        }
        long[] ids = new long[net.size()];
        long[] amounts = new long[net.size()];
        int i = 0;
        for (Map.Entry<Long, Long> leg : net.entrySet()) {
            ids[i] = leg.getKey();
            amounts[i++] = leg.getValue();
        }
        long release = releasedAmount;
        long releaseOn = releaseHoldOn == null ? -1 : releaseHoldOn;
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(UPDATE_BALANCES);
            ps.setLong(1, releaseOn);
            ps.setLong(2, release);
            ps.setArray(3, longs(con, ids));
            ps.setArray(4, longs(con, amounts));
            return ps;
        });
        // the rows are locked and already updated by this transaction: their balance is the balance after
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(INSERT_POSTINGS);
            ps.setLong(1, entryId);
            ps.setArray(2, longs(con, ids));
            ps.setArray(3, longs(con, amounts));
            return ps;
        });
        return new PostedEntry(entryId, false);
    }

    /**
     * Posts a correction: a new ADJUST entry with every posting of the original negated. Once per original entry.
     */
    public PostedEntry reverse(long entryId, String actor, String reason) {
        List<Leg> legs = jdbc.query("select account_id, amount from posting where entry_id = ? order by id",
                (rs, i) -> new Leg(rs.getLong(1), -rs.getLong(2)), entryId);
        if (legs.isEmpty()) {
            throw DomainException.notFound("points.entry.not-found", "Journal entry not found");
        }
        return post(new Transfer(EntryType.ADJUST, "reverse:" + entryId, "entry:" + entryId, null, actor, reason, null,
                legs));
    }

    private Map<Long, Long> validate(Transfer transfer) {
        if (transfer.legs() == null || transfer.legs().size() < 2) {
            throw DomainException.invalidField("points.transfer.legs", "legs", "A transfer needs two sides");
        }
        Map<Long, Long> net = new TreeMap<>();
        long sum = 0;
        for (Leg leg : transfer.legs()) {
            if (leg.amount() == 0) {
                throw DomainException.invalidField("points.amount-not-positive", "amount", "The amount must be positive");
            }
            sum += leg.amount();
            net.merge(leg.accountId(), leg.amount(), Long::sum);
        }
        if (sum != 0) {
            throw DomainException.invalidField("points.transfer.unbalanced", "legs", "The legs must sum to zero");
        }
        net.values().removeIf(v -> v == 0);
        if (net.size() < 2) {
            throw DomainException.invalidField("points.transfer.same-account", "legs",
                    "Points cannot move from an account to itself");
        }
        return net;
    }

    private Long insertEntry(Transfer t) {
        // typed parameters: a null of unknown type would make the driver ask the server for the parameter types
        List<Long> ids = jdbc.queryForList(INSERT_ENTRY, Long.class, text(t.type().name()), text(t.idempotencyKey()),
                text(t.sourceRef()), text(t.rule()), text(t.actor()), text(t.memo()), text(t.gridPath()));
        return ids.isEmpty() ? null : ids.get(0);
    }

    private long existing(Transfer t) {
        return jdbc.queryForObject("""
                select id from journal_entry
                 where idempotency_key = ? or (type = ? and source_ref = ? and ? is not null)
                 order by id limit 1""", Long.class, t.idempotencyKey(), t.type().name(), t.sourceRef(),
                t.sourceRef());
    }

    /** Locks the accounts in ascending id order, the one order every transaction uses. */
    private List<Balance> lock(java.util.Collection<Long> accountIds) {
        long[] ids = accountIds.stream().mapToLong(Long::longValue).toArray();
        List<Balance> locked = jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(LOCK_ACCOUNTS);
            ps.setArray(1, longs(con, ids));
            return ps;
        }, (rs, i) -> new Balance(rs.getLong(1), AccountKind.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4)));
        if (locked.size() != ids.length) {
            throw DomainException.notFound("points.account.not-found", "Points account not found");
        }
        return locked;
    }

    /** Locks the accounts in ascending id order and answers their balances (for callers that split across shards). */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Balance> lockAccounts(java.util.Collection<Long> accountIds) {
        return lock(accountIds);
    }

    // ---------------------------------------------------------------- holds (two-phase)

    /**
     * Reserves points on an account (a pending transfer). They stay in the balance but are no longer available.
     *
     * @return the hold's id
     */
    public long hold(long accountId, long amount, String sourceRef, Instant expiresAt) {
        if (amount <= 0) {
            throw DomainException.invalidField("points.amount-not-positive", "amount", "The amount must be positive");
        }
        Balance account = lock(List.of(accountId)).get(0);
        if (account.available() < amount) {
            throw insufficient(account.available());
        }
        // the account's held sum and the hold itself in one statement
        return jdbc.queryForObject("""
                with held as (update ledger_account set held = held + ? where id = ? returning id)
                insert into points_hold (account_id, amount, source_ref, expires_at)
                select id, ?, ?, ? from held
                returning id""", Long.class, amount, accountId, amount, sourceRef, java.sql.Timestamp.from(expiresAt));
    }

    /**
     * Posts a pending hold to its destination as one entry — exactly once: a second attempt (or one after a void)
     * is refused with 409.
     */
    public PostedEntry postHold(long holdId, long toAccount, EntryType type, String idempotencyKey, String sourceRef,
            String actor) {
        PendingHold hold = claim(holdId);
        PostedEntry entry = post(new Transfer(type, idempotencyKey, sourceRef, null, actor, null, null,
                List.of(new Leg(hold.accountId(), -hold.amount()), new Leg(toAccount, hold.amount()))),
                hold.accountId(), hold.amount());
        int updated = jdbc.update("""
                update points_hold set state = 'POSTED', entry_id = ?, resolved_at = now()
                 where id = ? and state = 'PENDING'""", entry.entryId(), holdId);
        if (updated != 1 || entry.replayed()) {
            throw DomainException.conflict("points.hold.resolved", "This reservation was already settled");
        }
        return entry;
    }

    /** Releases a pending hold: the points are available again. Exactly once: false when it was already settled. */
    public boolean voidHold(long holdId) {
        List<PendingHold> pending = jdbc.query("""
                select id, account_id, amount from points_hold where id = ? and state = 'PENDING' for update""",
                (rs, i) -> new PendingHold(rs.getLong(1), rs.getLong(2), rs.getLong(3)), holdId);
        if (pending.isEmpty()) {
            return false;
        }
        PendingHold hold = pending.get(0);
        lock(List.of(hold.accountId()));
        jdbc.update("update ledger_account set held = held - ? where id = ?", hold.amount(), hold.accountId());
        jdbc.update("update points_hold set state = 'VOIDED', resolved_at = now() where id = ? and state = 'PENDING'",
                holdId);
        return true;
    }

    private PendingHold claim(long holdId) {
        List<PendingHold> pending = jdbc.query("""
                select id, account_id, amount from points_hold where id = ? and state = 'PENDING' for update""",
                (rs, i) -> new PendingHold(rs.getLong(1), rs.getLong(2), rs.getLong(3)), holdId);
        if (pending.isEmpty()) {
            throw DomainException.conflict("points.hold.resolved", "This reservation was already settled");
        }
        return pending.get(0);
    }

    private record PendingHold(long id, long accountId, long amount) {
    }

    private static DomainException insufficient(long available) {
        return new DomainException(DomainException.Kind.RULE_VIOLATION, "points.insufficient-balance",
                "Not enough points: " + available + " available",
                List.of(new org.gridgov.shared.FieldViolation("amount", "points.insufficient-balance",
                        "More than the " + available + " points available")),
                Map.of("available", available));
    }

    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static Array longs(java.sql.Connection con, long[] values) throws java.sql.SQLException {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return con.createArrayOf("bigint", boxed);
    }
}
