-- Issue 16 #12: the audit log in monthly partitions (declarative range partitioning on occurred_at), so that an
-- operator can detach and archive the months older than the legal minimum (3 years) without deleting rows through
-- the append-only trigger: `alter table audit_event detach partition audit_event_y2026m01` then pg_dump and drop it.
-- The rows are copied into the partitioned table and the tables swapped, all in this migration's transaction; the
-- append-only trigger (with its scope_path re-filing when a grid moves) and the indexes are kept.
-- Partitions: one per month from the first month that holds events (January 2026 at the latest) to December 2031,
-- and a default partition, so that an insert is never refused whatever its time.

-- ids continue from the old identity (a partitioned table's primary key must contain the partition key)
create sequence audit_event_id_seq_new;
select setval('audit_event_id_seq_new', coalesce((select max(id) from audit_event), 0) + 1, false);

create table audit_event_new (
    id          bigint       not null default nextval('audit_event_id_seq_new'),
    occurred_at timestamptz  not null default now(),
    actor       varchar(64),
    actor_role  varchar(24),
    ip          varchar(64),
    action      varchar(40)  not null,
    target_type varchar(40),
    target_id   varchar(64),
    scope_path  varchar(400) collate "C",
    detail      text,
    constraint audit_event_new_pkey primary key (id, occurred_at)
) partition by range (occurred_at);

do $$
declare
    first_month timestamptz;
    month timestamptz;
begin
    select least(coalesce(date_trunc('month', min(occurred_at), 'UTC'), timestamptz '2026-01-01 00:00:00+00'),
                 timestamptz '2026-01-01 00:00:00+00')
      into first_month from audit_event;
    month := first_month;
    while month < timestamptz '2032-01-01 00:00:00+00' loop
        execute format('create table %I partition of audit_event_new for values from (%L) to (%L)',
                       'audit_event_' || to_char(month at time zone 'UTC', '"y"YYYY"m"MM'), month,
                       month + interval '1 month');
        month := month + interval '1 month';
    end loop;
end $$;
create table audit_event_default partition of audit_event_new default;

insert into audit_event_new (id, occurred_at, actor, actor_role, ip, action, target_type, target_id, scope_path,
                             detail)
select id, occurred_at, actor, actor_role, ip, action, target_type, target_id, scope_path, detail
  from audit_event;

drop table audit_event;
alter table audit_event_new rename to audit_event;
alter table audit_event rename constraint audit_event_new_pkey to audit_event_pkey;
alter sequence audit_event_id_seq_new rename to audit_event_id_seq;
alter sequence audit_event_id_seq owned by audit_event.id;
alter table audit_event alter column id set default nextval('audit_event_id_seq');

create index audit_event_time_idx on audit_event (occurred_at desc);
create index audit_event_actor_idx on audit_event (actor, occurred_at desc);
create index audit_event_scope_idx on audit_event (scope_path);

-- append-only, as before: audit_event_append_only() refuses deletes and every update but scope_path's re-filing
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
