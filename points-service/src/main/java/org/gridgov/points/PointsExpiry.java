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
        Instant cutoff = cutoffDay.atStartOfDay(ServiceRecordService.CHINA).toInstant();
        List<long[]> due = jdbc.query("""
                select a.id, a.balance - a.held,
                       coalesce((select sum(p.amount) from posting p join journal_entry e on e.id = p.entry_id
                                  where p.account_id = a.id and p.amount > 0 and e.created_at < ?), 0)
                     + coalesce((select sum(p.amount) from posting p where p.account_id = a.id and p.amount < 0), 0)
                  from ledger_account a
                 where a.kind = 'PERSON' and a.id > ? and a.balance - a.held > 0
                 order by a.id limit ?""", (rs, i) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) },
                Timestamp.from(cutoff), afterAccountId, batch);
        if (due.isEmpty()) {
            return -1;
        }
        long expiry = ledger.expiryAccount();
        for (long[] account : due) {
            long amount = Math.min(account[1], account[2]);
            if (amount > 0) {
                String key = "expire:" + cutoffDay + ":" + account[0];
                ledger.post(Transfer.of(EntryType.EXPIRE, key, key, "system", account[0], expiry, amount)
                    .withRule("points credited before " + cutoffDay + " expire").withMemo("积分过期"));
            }
        }
        return due.get(due.size() - 1)[0];
    }
}
