-- pgbench: the SQL statements the platform issues for ONE incident report (POST /api/v1/incidents by a resident),
-- as captured from the PostgreSQL log (log_statement = all; run.sh writes the capture of every run to
-- capture_statements.txt): same statements, same order, same transaction boundaries — the account look-up of the
-- bearer token and the idempotency claim and completion in their own (autocommit) transactions, the report in one
-- transaction. Values the application computes in Java (deadlines, tracking code, response body) are computed here
-- with SQL expressions of the same type and size.
-- Run with -M prepared (the JDBC driver prepares statements server-side after 5 uses) and
-- -D amin=… -D amax=… (the residents' account ids) -D grids=… (rows of bench_report_grid, sql/pgbench_setup.sql).
\set rn random(1, :grids)
\set acct random(:amin, :amax)
\set k random(1, 999999999999)
-- not issued by the application (its locate is in memory): the grid, point and category of this report
select node_id as gid, lat, lng, category from bench_report_grid where rn = :rn \gset
-- the bearer token's account (JwtAuthentication)
select username, role, scope_node_id, department_id, partner_id, status, locked_until
  from account where id = :acct \gset
-- IdempotencyFilter: claim the key (autocommit)
insert into idempotency_record (principal, idempotency_key, request_hash, method, path, state)
values (:username, 'pgb-' || :client_id || '-' || :k, sha256(('pgb' || :k)::bytea), 'POST', '/api/v1/incidents', 'IN_PROGRESS')
on conflict (principal, idempotency_key) do update
   set request_hash = excluded.request_hash, method = excluded.method, path = excluded.path,
       created_at = now()
 where idempotency_record.state = 'IN_PROGRESS'
   and idempotency_record.created_at < now() - make_interval(secs => 300);
-- IncidentIntake.report, one transaction
begin;
select i1_0.id,i1_0.accept_due_at,i1_0.accepted_at,i1_0.anonymous,i1_0.assignee_name,i1_0.category_code,i1_0.closed_at,i1_0.created_at,i1_0.description,i1_0.device_id,i1_0.escalations,i1_0.grid_id,i1_0.grid_path,i1_0.holder_grid_id,i1_0.holder_path,i1_0.idempotency_key,i1_0.lat,i1_0.lng,i1_0.merged_into_id,i1_0.outside_grid,i1_0.rating,i1_0.rating_comment,i1_0.rejection_reason,i1_0.reopen_count,i1_0.reporter_username,i1_0.resolve_due_at,i1_0.resolved_at,i1_0.source,i1_0.state,i1_0.tracking_code,i1_0.updated_at,i1_0.version from incident i1_0 where i1_0.reporter_username=:username and i1_0.idempotency_key='pgb-' || :client_id || '-' || :k;
select code, name, response_hours, resolution_hours, working_hours from incident_category
 where code = :category and active \gset cat_
select gs1_0.id,gs1_0.assigned_from,gs1_0.assigned_to,gs1_0.created_at,gs1_0.node_id,gs1_0.person_name,gs1_0.primary_worker,gs1_0.role,gs1_0.version,gs1_0.work_phone from grid_staff gs1_0 where gs1_0.node_id=:gid and gs1_0.assigned_from<=current_date and (gs1_0.assigned_to is null or gs1_0.assigned_to>=current_date) order by gs1_0.primary_worker desc,gs1_0.role,gs1_0.person_name \aset staff_
select day, working from work_calendar_day;
select gn1_0.id,gn1_0.code,gn1_0.created_at,gn1_0.depth,gn1_0.name,gn1_0.parent_id,gn1_0.party_organisation,gn1_0.path,gn1_0.retired_at,gn1_0.status,gn1_0.topology_version,gn1_0.type,gn1_0.updated_at,gn1_0.version from grid_node gn1_0 where gn1_0.id=:gid \gset node_
insert into incident (accept_due_at,accepted_at,anonymous,assignee_name,category_code,closed_at,created_at,description,device_id,escalations,grid_id,grid_path,holder_grid_id,holder_path,idempotency_key,lat,lng,merged_into_id,outside_grid,rating,rating_comment,rejection_reason,reopen_count,reporter_username,resolve_due_at,resolved_at,source,state,tracking_code,updated_at,version) values (now() + make_interval(hours => :cat_response_hours),null,false,:staff_person_name,:category,null,now(),'pgbench report ' || :k,null,0,:gid,:node_path,:gid,:node_path,'pgb-' || :client_id || '-' || :k,:lat,:lng,null,false,null,null,null,0,:username,now() + make_interval(hours => :cat_resolution_hours),null,'RESIDENT_REPORT','SUBMITTED','SP' || lpad(:k::text, 12, '0'),now(),0)
RETURNING * \gset ins_
insert into incident_timeline (action,actor,actor_role,at,from_state,grid_id,incident_id,note,to_state) values ('REPORTED',:username,'RESIDENT',now(),null,:gid,:ins_id,'assigned to ' || :staff_person_name,'SUBMITTED')
RETURNING *;
-- the integration outbox (since the webhooks, 2026-12-01): the incident.created event with its ≈ 420-byte payload,
-- and its deliveries to the matching webhook subscriptions (none in the benchmark, as in the app's run)
insert into outbox_event (event_id, type, aggregate_key, grid_path, payload, occurred_at)
values (gen_random_uuid(), 'incident.created', 'incident:' || :ins_id::text, :node_path,
        cast(json_build_object('id', gen_random_uuid(), 'type', 'incident.created', 'occurredAt', now(),
          'data', json_build_object('incidentId', :ins_id::bigint, 'trackingCode', :ins_tracking_code::text,
            'category', :category::text,
            'source', 'RESIDENT_REPORT', 'action', 'REPORTED', 'fromState', null, 'state', 'SUBMITTED',
            'holderGridId', :gid::bigint, 'holderGridName', :node_name::text,
            'expectedResolutionAt', :ins_resolve_due_at::text)) as jsonb),
        now())
returning id as outbox_id \gset
insert into webhook_delivery (subscription_id, outbox_event_id, aggregate_key)
select s.id, :outbox_id::bigint, 'incident:' || :ins_id::text from webhook_subscription s
 where s.state <> 'DELETED' and 'incident.created' = any (s.event_types)
   and (s.subtree_path is null or starts_with(cast(:node_path as text), s.subtree_path));
insert into incident_notification (incident_id, recipient, message) values (:ins_id, :staff_person_name, '新事件 ' || :ins_tracking_code || '：' || :cat_name);
select code, name from incident_category;
select s1_0.id,s1_0.check_in_due_at,s1_0.checked_in_at,s1_0.checked_in_by,s1_0.department_id,s1_0.incident_id,s1_0.report,s1_0.reported_at,s1_0.summoned_at from incident_summons s1_0 where s1_0.incident_id=:ins_id order by s1_0.id;
select i1_0.id,i1_0.accept_due_at,i1_0.accepted_at,i1_0.anonymous,i1_0.assignee_name,i1_0.category_code,i1_0.closed_at,i1_0.created_at,i1_0.description,i1_0.device_id,i1_0.escalations,i1_0.grid_id,i1_0.grid_path,i1_0.holder_grid_id,i1_0.holder_path,i1_0.idempotency_key,i1_0.lat,i1_0.lng,i1_0.merged_into_id,i1_0.outside_grid,i1_0.rating,i1_0.rating_comment,i1_0.rejection_reason,i1_0.reopen_count,i1_0.reporter_username,i1_0.resolve_due_at,i1_0.resolved_at,i1_0.source,i1_0.state,i1_0.tracking_code,i1_0.updated_at,i1_0.version from incident i1_0 where i1_0.category_code=:category and i1_0.created_at>=now() - interval '72 hours' and i1_0.lat between :lat - 0.0009 and :lat + 0.0009 and i1_0.lng between :lng - 0.00105 and :lng + 0.00105 and i1_0.state not in ('CLOSED','REJECTED','MERGED') order by i1_0.created_at desc;
commit;
-- IdempotencyFilter: store the response (≈ 870 bytes of JSON) for replays (autocommit)
update idempotency_record
   set state = 'COMPLETED', response_status = 201, response_content_type = 'application/json',
       response_location = '/api/v1/incidents/' || :ins_id, response_etag = '"0"',
       response_body = convert_to(rpad('{"incident":{"id":' || :ins_id, 870, ' x'), 'UTF8'), completed_at = now()
 where principal = :username and idempotency_key = 'pgb-' || :client_id || '-' || :k;
