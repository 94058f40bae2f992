-- pgbench: the SQL statements the platform sends for ONE warm welfare-pool donation (POST /api/v1/points/me/donations,
-- {"amount":1,"communityId":…} with an Idempotency-Key) into the hot pool, as captured from the PostgreSQL log
-- (capture_statements.txt of every run) and counted by StatementsPerRequestIT: same statements, same order, same
-- transaction boundaries — 7 statements:
--   the idempotency claim (autocommit), then one transaction with the donor's account and a random sub-account of the
--   pool read together (PointsLedger.donationAccounts), and the ledger's four (journal entry, both rows locked in id
--   order, balances, postings — the balanced-entry trigger and the balance CHECK fire as for the app), then the
--   idempotency completion with the response (autocommit).
-- Run with -M prepared and -D amin=… -D amax=… (the residents' account ids) -D pmin=… (the PERSON ledger account of
-- the resident with id amin; sql/fund_residents.sql creates them in account order) -D pool_first=… -D shards=…
-- (the pool's sub-accounts, created in shard order by the first donation) -D community=… -D community_path=….
\set acct random(:amin, :amax)
\set rk :acct - :amin + 1
\set shard random(0, :shards - 1)
\set k random(1, 999999999999)
\set person :pmin + :acct - :amin
\set pool :pool_first + :shard
-- IdempotencyStore.claim (autocommit)
insert into idempotency_record (principal, idempotency_key, request_hash, method, path, state,
                                claimed_by)
values ('bench-resident-' || :rk, 'pgb-' || :client_id || '-' || :k, sha256(('pgb' || :k)::bytea),
        'POST', '/api/v1/points/me/donations', 'IN_PROGRESS', 'a9e23374-8835-4177-aac1-645bdbfee7b6')
on conflict (principal, idempotency_key) do update
   set request_hash = excluded.request_hash, method = excluded.method, path = excluded.path,
       created_at = now(), claimed_by = excluded.claimed_by
 where idempotency_record.state = 'IN_PROGRESS'
   and (idempotency_record.claimed_by = excluded.claimed_by
        or idempotency_record.created_at < now() - make_interval(secs => 300));
-- WelfarePoolService.donate, one transaction
begin;
select kind, id from ledger_account
 where (kind = 'PERSON' and owner_id = :acct and shard = 0) or (kind = 'POOL' and owner_id = :community and shard = :shard);
insert into journal_entry (type, idempotency_key, source_ref, rule, actor, memo, grid_path)
values ('DONATE', 'donate' || chr(58) || :acct || chr(58) || 'pgb-' || :client_id || '-' || :k, null, null,
        'bench-resident-' || :rk, '捐赠', :community_path)
on conflict do nothing
returning id \gset entry_
select id, kind, balance, held from ledger_account
 where id = any (array[:person, :pool]::bigint[]) order by id for update;
update ledger_account a
   set balance = a.balance + v.amount,
       held = a.held - case when a.id = -1 then 0 else 0 end
  from unnest(array[:person, :pool]::bigint[], array[-1, 1]::bigint[]) as v (id, amount)
 where a.id = v.id;
insert into posting (entry_id, account_id, amount, balance_after)
select :entry_id, v.id, v.amount, a.balance
  from unnest(array[:person, :pool]::bigint[], array[-1, 1]::bigint[]) as v (id, amount)
  join ledger_account a on a.id = v.id;
commit;
-- IdempotencyStore.complete (autocommit)
update idempotency_record
   set state = 'COMPLETED', response_status = 201, response_content_type = 'application/json', response_location = null,
       response_etag = null, response_body = convert_to('{"entryId":' || :entry_id || ',"replayed": false}', 'UTF8'),
       completed_at = now()
 where principal = 'bench-resident-' || :rk and idempotency_key = 'pgb-' || :client_id || '-' || :k;
