-- One transfer of 1 point between two different random person accounts: the four statements PointsLedger.post runs
-- (INSERT_ENTRY, LOCK_ACCOUNTS, UPDATE_BALANCES, INSERT_POSTINGS), in one transaction.
\set a random(0, :persons - 1)
\set b random(0, :persons - 2)
\if :b >= :a
\set b :b + 1
\endif
\set a :first_person + :a
\set b :first_person + :b
BEGIN;
insert into journal_entry (type, idempotency_key, source_ref, rule, actor, memo, grid_path)
values ('ADJUST', gen_random_uuid()::text, null, null, 'pgbench', null, null)
on conflict do nothing
returning id \gset entry_
select id, kind, balance, held from ledger_account
 where id = any (array[:a, :b]::bigint[]) order by id for update;
update ledger_account a
   set balance = a.balance + v.amount,
       held = a.held - case when a.id = -1 then 0 else 0 end
  from unnest(array[:a, :b]::bigint[], array[-1, 1]::bigint[]) as v (id, amount)
 where a.id = v.id;
insert into posting (entry_id, account_id, amount, balance_after)
select :entry_id, v.id, v.amount, a.balance
  from unnest(array[:a, :b]::bigint[], array[-1, 1]::bigint[]) as v (id, amount)
  join ledger_account a on a.id = v.id;
END;
