package org.gridgov.points;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's invariants, checked over the whole database (every test's entries included). */
final class LedgerInvariants {

    private LedgerInvariants() {
    }

    static void hold(JdbcTemplate jdbc) {
        assertThat(jdbc.queryForList("select entry_id from posting group by entry_id having sum(amount) <> 0"))
            .as("entries that do not sum to zero").isEmpty();
        assertThat(jdbc.queryForList("select id from journal_entry e where not exists "
                + "(select 1 from posting p where p.entry_id = e.id)")).as("entries without postings").isEmpty();
        assertThat(jdbc.queryForList("select id from ledger_account where kind in ('PERSON', 'POOL', 'RESIDENT') "
                + "and (balance < 0 or balance - held < 0)")).as("negative person, pool or resident accounts").isEmpty();
        assertThat(jdbc.queryForList("""
                select a.id from ledger_account a
                  left join (select account_id, sum(amount) s from posting group by account_id) p on p.account_id = a.id
                 where a.balance <> coalesce(p.s, 0)""")).as("balances that differ from the sum of postings").isEmpty();
        assertThat(jdbc.queryForList("""
                select a.id from ledger_account a
                  left join (select account_id, sum(amount) s from points_hold where state = 'PENDING'
                              group by account_id) h on h.account_id = a.id
                 where a.held <> coalesce(h.s, 0)""")).as("held that differs from the pending holds").isEmpty();
        assertThat(jdbc.queryForList("""
                select p.account_id from posting p
                 where p.balance_after <> (select sum(q.amount) from posting q where q.account_id = p.account_id and q.id <= p.id)
                 limit 5""")).as("running balances that differ from the sum of postings so far").isEmpty();
    }
}
