-- pgbench: the SQL statements the platform sends for ONE warm incident report (POST /api/v1/incidents by a resident
-- with an Idempotency-Key), as captured from the PostgreSQL log (log_statement = all; run.sh writes the capture of
-- every run to capture_statements.txt) and counted by StatementsPerRequestIT: same statements, same order, same
-- transaction boundaries — 8 statements:
--   the idempotency claim (autocommit), then one transaction with the tracking code, the incident, its timeline
--   entry, the holder's notification (with its NOTIFY), the "similar reports nearby" query and the outbox statement
--   (both events of the transaction, fan-out to webhook subscriptions included), then the idempotency completion with
--   the ≈ 970-byte response (autocommit).
-- Values the application computes in Java (deadlines, request hash, JSON payloads, response body) are SQL expressions
-- here of the same type and size. Run with -M prepared and -D amin=… -D amax=… (the residents' account ids)
-- -D grids=… (rows of bench_report_grid, sql/pgbench_setup.sql). benchmarks/incident/pgbench/report.sql and benchmarks/writes/pgbench/report.sql are the same file.
\set rn random(1, :grids)
\set acct random(:amin, :amax)
\set rk :acct - :amin + 1
\set k random(1, 999999999999)
-- not sent by the application (its locate, the category and the worker on duty are in memory): the grid, point,
-- category and worker of this report (left out of the statement counts)
select node_id as gid, node_path, lat, lng, category, category_name, worker from bench_report_grid where rn = :rn \gset
-- IdempotencyStore.claim (autocommit)
insert into idempotency_record (principal, idempotency_key, request_hash, method, path, state,
                                claimed_by)
values ('bench-resident-' || :rk, 'pgb-' || :client_id || '-' || :k, sha256(('pgb' || :k)::bytea),
        'POST', '/api/v1/incidents', 'IN_PROGRESS', 'a9e23374-8835-4177-aac1-645bdbfee7b6')
on conflict (principal, idempotency_key) do update
   set request_hash = excluded.request_hash, method = excluded.method, path = excluded.path,
       created_at = now(), claimed_by = excluded.claimed_by
 where idempotency_record.state = 'IN_PROGRESS'
   and (idempotency_record.claimed_by = excluded.claimed_by
        or idempotency_record.created_at < now() - make_interval(secs => 300));
-- IncidentIntake.report, one transaction
begin;
select next_incident_tracking_code(to_char(now() at time zone 'Asia/Shanghai', 'YYMMDD')) as tracking \gset
insert into incident (accept_due_at,accepted_at,anonymous,assignee_name,category_code,clock_paused_at,closed_at,created_at,description,device_id,escalations,external_source,external_ticket,grid_id,grid_path,holder_grid_id,holder_path,idempotency_key,lat,lng,merged_into_id,needs_triage,outside_grid,overdue_acted_for,paused_seconds,rating,rating_comment,rating_count,rating_total,rejection_reason,reopen_count,reporter_account_id,reporter_role,reporter_username,resolve_due_at,resolved_at,resolved_by,resolved_by_account_id,resolved_by_role,source,state,supervised_due_at,tracking_code,updated_at,version)
values (now() + interval '60 hours',null,false,nullif(:worker, ''),:category,null,null,now(),'pgbench benchmark report ' || :k,null,0,null,null,:gid,:node_path,:gid,:node_path,'pgb-' || :client_id || '-' || :k,:lat,:lng,null,false,false,null,0,null,null,0,0,null,0,:acct,'RESIDENT','bench-resident-' || :rk,now() + interval '7 days',null,null,null,null,'RESIDENT_REPORT','SUBMITTED',null,:tracking,now(),0)
RETURNING * \gset ins_
insert into incident_timeline (action,actor,actor_account_id,actor_display,actor_role,at,from_state,grid_id,incident_id,note,to_state)
values ('REPORTED','bench-resident-' || :rk,:acct,'居民','RESIDENT',now(),null,:gid,:ins_id,'assigned to ' || :worker,'SUBMITTED')
RETURNING *;
with n as (
    insert into notification (kind, recipient_kind, account_id, role, node_id, department_id,
                              subject_type, subject_id, subject_ref, message)
    values ('INCIDENT_NEW', 'ROLE_AT_NODE', null, 'GRID_WORKER', :gid, null, 'incident', :ins_id, :tracking,
            '新事件 ' || :tracking || '：' || :category_name || '，请于 ' || to_char(now() + interval '60 hours', 'YYYY-MM-DD HH24' || chr(58) || 'MI') || ' 前受理')
    returning id, created_at)
select n.id, n.created_at, pg_notify('notification', n.id || chr(58) || 'R' || chr(58) || 'GRID_WORKER' || chr(58) || :gid) from n \gset notification_
select * from incident
 where category_code = :category and created_at >= now() - interval '72 hours'
   and lat between :lat - 0.00090437 and :lat + 0.00090437 and lng between :lng - 0.00104209 and :lng + 0.00104209
   and state not in ('CLOSED', 'REJECTED', 'MERGED')
 order by created_at desc;
-- Outbox: the transaction's two events (incident.created ≈ 420 bytes, notification.created ≈ 450 bytes of JSON) and
-- their deliveries to the matching webhook subscriptions (none in the benchmark, as in the app's run)
with e as (
    insert into outbox_event (event_id, type, aggregate_key, grid_path, payload, occurred_at)
    values (gen_random_uuid(), 'incident.created', 'incident:' || :ins_id, :node_path,
            cast('{"id":"' || gen_random_uuid() || '","type":"incident.created","occurredAt":"' || now() || '","data":{"incidentId":' || :ins_id || ',"trackingCode":"' || :tracking || '","category":"' || :category || '","source":"RESIDENT_REPORT","action":"REPORTED","fromState": null,"state":"SUBMITTED","holderGridId":' || :gid || ',"holderGridName":"第1微网格","expectedResolutionAt":"' || now() || '","externalRef": null}}' as jsonb), now()),
           (gen_random_uuid(), 'notification.created', 'notification:' || :notification_id, :node_path,
            cast('{"id":"' || gen_random_uuid() || '","type":"notification.created","occurredAt":"' || now() || '","data":{"notificationId":' || :notification_id || ',"kind":"INCIDENT_NEW","recipient":{"kind":"ROLE_AT_NODE","accountId": null,"role":"GRID_WORKER","nodeId":' || :gid || ',"departmentId": null},"message":"新事件 ' || :tracking || '：' || :category_name || '，请于 2026-12-09 15时00分前受理","subjectType":"incident","subjectId":' || :ins_id || ',"subjectRef":"' || :tracking || '"}}' as jsonb), now())
    returning id, type, aggregate_key, grid_path)
insert into webhook_delivery (subscription_id, outbox_event_id, aggregate_key)
select s.id, e.id, e.aggregate_key from e, webhook_subscription s
 where s.state <> 'DELETED' and e.type = any (s.event_types)
   and (s.subtree_path is null or e.grid_path >= s.subtree_path and e.grid_path < substring(s.subtree_path from 1 for length(s.subtree_path) - 1) || '0');
commit;
-- IdempotencyStore.complete: the response (≈ 970 bytes of JSON) kept for replays (autocommit)
update idempotency_record
   set state = 'COMPLETED', response_status = 201, response_content_type = 'application/json',
       response_location = '/api/v1/incidents/' || :ins_id, response_etag = '"0"',
       response_body = convert_to(rpad('{"incident":{"id":' || :ins_id || ',"trackingCode":"' || :tracking || '"', 968, ' x'), 'UTF8'),
       completed_at = now()
 where principal = 'bench-resident-' || :rk and idempotency_key = 'pgb-' || :client_id || '-' || :k;
