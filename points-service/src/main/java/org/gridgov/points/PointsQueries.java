package org.gridgov.points;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.people.AccountDirectory.AccountFacts;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the ledger: my balance and history, the ledger browser per account, the monthly rankings. */
@Service
@Transactional(readOnly = true)
public class PointsQueries {

    private final JdbcTemplate jdbc;
    private final PointsLedger ledger;
    private final PointsContext context;

    PointsQueries(JdbcTemplate jdbc, PointsLedger ledger, PointsContext context) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.context = context;
    }

    /** My balance: the maintained columns of one row. */
    @Transactional
    public MyPoints mine() {
        Caller caller = context.person();
        Balance balance = ledger.balance(context.personAccount(caller));
        return new MyPoints(balance.accountId(), balance.balance(), balance.held(), balance.available());
    }

    /** My postings with the running balance, newest first. */
    @Transactional
    public PageResult<EntryLine> myHistory(int page, int size) {
        Caller caller = context.person();
        return lines(context.personAccount(caller), page, size);
    }

    /**
     * The ledger browser: one account's postings with the running balance (managers). A person's account is visible
     * to the managers whose scope covers the grid that person's account is bound to (a community worker sees their
     * grid workers' ledgers); a pool's and a resident record's by their community; partners' and the system's to
     * city-wide managers only. Elsewhere 404.
     */
    public PageResult<EntryLine> accountHistory(long accountId, int page, int size) {
        requireVisible(accountId);
        return lines(accountId, page, size);
    }

    /**
     * A person's ledger by their account id (identity's, as account lists and rankings name people), for the managers
     * whose scope covers the grid the account is bound to; empty while the person has earned nothing. 404 for an
     * unknown account or one outside my scope.
     */
    public PageResult<EntryLine> personHistory(long personId, int page, int size) {
        context.requireManager(context.caller());
        if (!visiblePerson(personId)) {
            throw DomainException.notFound("points.account.not-found", "Points account not found");
        }
        List<Long> account = jdbc.queryForList(
                "select id from ledger_account where kind = 'PERSON' and owner_id = ? and shard = 0", Long.class,
                personId);
        return account.isEmpty() ? PointsContext.page(List.of(), page, size, 0) : lines(account.get(0), page, size);
    }

    public List<AccountSummary> accounts(String kind, int limit) {
        SqlPredicate visible = context.scope().sql("grid_path");
        return jdbc.query("""
                select id, kind, owner_id, shard, name, balance, held from ledger_account
                 where %s
                   and (cast(? as varchar) is null or kind = ?)
                 order by kind, owner_id, shard limit ?""".formatted(visible.sql()), ACCOUNT,
                visible.argsBefore(kind, kind, limit));
    }

    /** The accounts I may see, of {@code kind} (all when null), a page at a time with the total: the ledger's list. */
    public PageResult<AccountSummary> accounts(String kind, int page, int size) {
        SqlPredicate visible = context.scope().sql("grid_path");
        List<AccountSummary> items = jdbc.query("""
                select id, kind, owner_id, shard, name, balance, held from ledger_account
                 where %s
                   and (cast(? as varchar) is null or kind = ?)
                 order by kind, owner_id, shard limit ? offset ?""".formatted(visible.sql()), ACCOUNT,
                visible.argsBefore(kind, kind, size, (long) page * size));
        Long total = jdbc.queryForObject("""
                select count(*) from ledger_account
                 where %s
                   and (cast(? as varchar) is null or kind = ?)""".formatted(visible.sql()), Long.class,
                visible.argsBefore(kind, kind));
        return PointsContext.page(items, page, size, total);
    }

    private void requireVisible(long accountId) {
        List<AccountSummary> found = jdbc.query(
                "select id, kind, owner_id, shard, name, balance, held from ledger_account where id = ?", ACCOUNT,
                accountId);
        DataScope scope = context.scope();
        boolean visible;
        if (found.isEmpty()) {
            visible = false;
        }
        else if (scope.isAll()) {
            visible = true;
        }
        else if (found.get(0).kind().equals(AccountKind.PERSON.name())) {
            visible = visiblePerson(found.get(0).ownerId());
        }
        else {
            String path = jdbc.queryForObject("select grid_path from ledger_account where id = ?", String.class,
                    accountId);
            visible = path != null && scope.covers(path);
        }
        if (!visible) {
            throw DomainException.notFound("points.account.not-found", "Points account not found");
        }
    }

    /** Whether the person with this account id is bound to a grid inside my scope (everyone, for city-wide staff). */
    private boolean visiblePerson(long personId) {
        DataScope scope = context.scope();
        if (scope.isAll()) {
            return context.accounts().account(personId).isPresent()
                    || !jdbc.queryForList("select 1 from ledger_account where kind = 'PERSON' and owner_id = ?",
                            Integer.class, personId).isEmpty();
        }
        String path = context.accountPath(personId);
        return path != null && scope.covers(path);
    }

    private PageResult<EntryLine> lines(long accountId, int page, int size) {
        List<EntryLine> items = jdbc.query("""
                select e.id, e.type, p.amount, p.balance_after, e.created_at, e.source_ref, e.rule, e.memo, e.actor
                  from posting p join journal_entry e on e.id = p.entry_id
                 where p.account_id = ? order by p.id desc limit ? offset ?""", LINE, accountId, size,
                (long) page * size);
        Long total = jdbc.queryForObject("select count(*) from posting where account_id = ?", Long.class, accountId);
        return PointsContext.page(items, page, size, total);
    }

    /**
     * The month's ranking of people by points earned (EARN entries) for work in a grid's subtree (a community, a
     * street). 404 outside my scope.
     */
    public List<RankingRow> ranking(long nodeId, YearMonth month, int limit) {
        RankingWindow w = window(nodeId, month);
        SqlPredicate inSubtree = w.subtree().sql("e.grid_path");
        int[] rank = { 0 };
        List<RankingRow> rows = jdbc.query("""
                select a.owner_id, max(a.name) as name, sum(p.amount) as points
                  from journal_entry e
                  join posting p on p.entry_id = e.id
                  join ledger_account a on a.id = p.account_id and a.kind = 'PERSON'
                 where %s
                   and e.type = 'EARN' and e.created_at >= ? and e.created_at < ?
                 group by a.owner_id
                 order by points desc, a.owner_id limit ?""".formatted(inSubtree.sql()),
                (rs, i) -> new RankingRow(++rank[0], rs.getLong(1), rs.getString(2), rs.getLong(3)),
                inSubtree.argsBefore(w.start(), w.end(), limit));
        // the ledger account keeps the login it was opened with; people are shown as others may see them
        Map<Long, String> names = context.accounts().accounts(rows.stream().map(RankingRow::personId).toList())
            .stream().collect(Collectors.toMap(AccountFacts::id, AccountFacts::publicName));
        return rows.stream().map(r -> new RankingRow(r.rank(), r.personId(),
                names.getOrDefault(r.personId(), "#" + r.personId()), r.points())).toList();
    }

    /**
     * The month's ranking of workers by residents' satisfaction: the average stars of the incidents in the grid's
     * subtree that they resolved, rated in the month; ties go to the one with more ratings. 404 outside my scope.
     */
    public List<SatisfactionRankingRow> satisfactionRanking(long nodeId, YearMonth month, int limit) {
        RankingWindow w = window(nodeId, month);
        SqlPredicate inSubtree = w.subtree().sql("grid_path");
        int[] rank = { 0 };
        return jdbc.query("""
                select person_id, max(person_name), count(*), round(avg(stars), 2) as average
                  from worker_rating
                 where %s and rated_at >= ? and rated_at < ?
                 group by person_id
                 order by average desc, count(*) desc, person_id limit ?""".formatted(inSubtree.sql()),
                (rs, i) -> new SatisfactionRankingRow(++rank[0], rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getDouble(4)), inSubtree.argsBefore(w.start(), w.end(), limit));
    }

    /** A ranking's subtree (404 outside my scope) and month, as the bounds its query compares with. */
    private RankingWindow window(long nodeId, YearMonth month) {
        String path = context.pathOf(nodeId);
        context.scope().requireVisible(path, "Grid");
        return new RankingWindow(PathRange.under(path),
                Timestamp.from(month.atDay(1).atStartOfDay(ServiceRecordService.CHINA).toInstant()),
                Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(ServiceRecordService.CHINA).toInstant()));
    }

    private record RankingWindow(PathRange subtree, Timestamp start, Timestamp end) {
    }

    static final RowMapper<EntryLine> LINE = (rs, i) -> new EntryLine(rs.getLong(1), rs.getString(2), rs.getLong(3),
            rs.getLong(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getString(9));

    private static final RowMapper<AccountSummary> ACCOUNT = (rs, i) -> new AccountSummary(rs.getLong(1),
            rs.getString(2), (Long) rs.getObject(3), rs.getInt(4), rs.getString(5), rs.getLong(6), rs.getLong(7));
}
