package org.gridgov.points;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points expiry as entries, never as a silent update. Spending consumes the oldest points first, so what is left of
 * the points credited before the cutoff is: credits before the cutoff minus everything ever debited (earlier expiries
 * included), at most what is available now (held points are left alone). That amount is posted as an EXPIRE entry to
 * the expiry account, once per account and cutoff (idempotency key).
 */
@Service
public class PointsExpiry {

    private final JdbcTemplate jdbc;
    private final PointsLedger ledger;

    PointsExpiry(JdbcTemplate jdbc, PointsLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** The cutoff in force on a day: points credited before 1 January of year − (years − 1) have expired. */
    public static LocalDate cutoff(LocalDate today, int years) {
        return LocalDate.of(today.getYear() - (years - 1), 1, 1);
    }

    /**
     * Expires a batch of person accounts after {@code afterAccountId}.
     *
     * @return the last account id looked at, or -1 when there are no more
     */
    @Transactional
    public long expireBatch(LocalDate cutoffDay, long afterAccountId, int batch) {
        List<Long> due = jdbc.queryForList("""
                select id from ledger_account where kind = 'PERSON' and id > ? and balance - held > 0
                 order by id limit ?""", Long.class, afterAccountId, batch);
        if (due.isEmpty()) {
            return -1;
        }
        due.forEach(account -> expireAccount(cutoffDay, account));
        return due.get(due.size() - 1);
    }

    /**
     * Expires what is left on one person account of the points credited before the cutoff.
     *
     * @return the points expired (0 when none, or when this cutoff was already applied)
     */
    @Transactional
    public long expireAccount(LocalDate cutoffDay, long accountId) {
        Instant cutoff = cutoffDay.atStartOfDay(ServiceRecordService.CHINA).toInstant();
        List<Balance> locked = ledger.lockAccounts(List.of(accountId));
        if (locked.get(0).kind() != AccountKind.PERSON) {
            return 0;
        }
        Long leftOfOld = jdbc.queryForObject("""
                select coalesce((select sum(p.amount) from posting p join journal_entry e on e.id = p.entry_id
                                  where p.account_id = ? and p.amount > 0 and e.created_at < ?), 0)
                     + coalesce((select sum(p.amount) from posting p where p.account_id = ? and p.amount < 0), 0)""",
                Long.class, accountId, Timestamp.from(cutoff), accountId);
        long amount = Math.min(locked.get(0).available(), leftOfOld == null ? 0 : leftOfOld);
        if (amount <= 0) {
            return 0;
        }
        String key = "expire:" + cutoffDay + ":" + accountId;
        PostedEntry entry = ledger.post(Transfer.of(EntryType.EXPIRE, key, key, "system", accountId,
                ledger.expiryAccount(), amount).withRule("points credited before " + cutoffDay + " expire")
            .withMemo("积分过期"));
        return entry.replayed() ? 0 : amount;
    }
}
