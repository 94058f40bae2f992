-- Setup (not measured): :amount points for every benchmark resident, posted by the ledger's own rules — one EARN
-- journal entry from the issuance account (SYSTEM, owner 1, shard 0) to each resident's PERSON account (created as
-- PointsLedger.personAccount creates it), balances updated, then all postings in one statement (the balanced-entry
-- trigger checks their sum; the CHECK keeps person balances non-negative). The PERSON accounts are created in account
-- id order, so pgbench/donation.sql can find a resident's ledger account from the account id.
begin;
insert into ledger_account (kind, owner_id, shard, name)
select 'PERSON', id, 0, username from account where username like 'bench-resident-%' order by id
on conflict (kind, owner_id, shard) do nothing;
create temp table fund (id bigint primary key, amount bigint not null) on commit drop;
insert into fund
select a.id, :amount from ledger_account a join account p on p.id = a.owner_id
 where a.kind = 'PERSON' and a.shard = 0 and p.username like 'bench-resident-%';
insert into fund
select id, -(select sum(amount) from fund) from ledger_account where kind = 'SYSTEM' and owner_id = 1 and shard = 0;
insert into journal_entry (type, idempotency_key, source_ref, rule, actor, memo)
values ('EARN', 'bench-writes-funding-' || gen_random_uuid(), null, 'benchmark', 'bench', '压测积分');
update ledger_account a set balance = a.balance + f.amount from fund f where a.id = f.id;
insert into posting (entry_id, account_id, amount, balance_after)
select currval(pg_get_serial_sequence('journal_entry', 'id')), f.id, f.amount, a.balance
  from fund f join ledger_account a on a.id = f.id;
commit;
