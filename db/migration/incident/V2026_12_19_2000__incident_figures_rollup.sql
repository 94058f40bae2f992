-- Incident figures as maintained rollups (issue 18): figures of any node — the CITY root included — from a handful of
-- index reads, whatever the size and the history of its subtree. Replaces incident_figure_day (per district/street
-- and UTC day, read by range over the subtree's buckets) with sums kept per ANCESTOR node, so a node's figures read
-- only its own rows:
--
--   incident_figures_daily   per node of depth <= 4 (CITY, district, street, community), per day of creation in
--                            Asia/Shanghai: the sums the figures are made of;
--   incident_figures_hourly  the same per hour of creation, for nodes of depth <= 3 (CITY, district, street): the
--                            partial days at both ends of a period (the default "last 30 days" has two) are whole
--                            hours from here, only the minutes at the two ends are read from `incident`;
--   incident_figures_open    per node of depth <= 2, open incidents by day of creation and day of their resolution
--                            deadline: "open past the resolution deadline" (late, though not resolved) of a period;
--   incident_figures_due     per node of depth <= 2, incidents whose deadline runs, by the day of that deadline:
--                            "overdue now" = every day before today + today's incidents past their deadline read
--                            live (partial indexes on accept_due_at / resolve_due_at).
-- Depth counts the ids of the node's path ('/510100/' is 1, '/510100/14/' 2 …). Deeper nodes read `incident` for what
-- their rows lack: a community's or a grid's incidents are few.
--
-- Kept by AFTER triggers on `incident` in the transaction of the change (no statement sent by the application, so
-- StatementsPerRequestIT's count is unchanged): consistency bound 0 — a committed change is in the figures. A grid
-- moved to another parent rewrites incident.grid_path (GridPathCopies); the update trigger then takes the incident's
-- sums off its old ancestors and adds them to its new ones.
--
-- Hot rows: every report of the city adds to the CITY node's row of the day and hour. Rows of nodes of depth <= 2 are
-- therefore split into 8 shards (pg_backend_pid() % 8: one backend never waits for itself, 20 pooled connections
-- rarely share a shard), summed when read; deeper nodes have shard 0. A change may take off in one shard what was
-- added in another: a shard's sums may be negative, only their total means anything.
-- MERGED incidents count nowhere (as in the figures query). Sums of seconds are numeric: exact under +/- updates.

drop trigger incident_figure_day_insert on incident;
drop trigger incident_figure_day_delete on incident;
drop trigger incident_figure_day_update on incident;
drop function incident_figure_day_apply();
drop function incident_figure_day_add(incident, integer);
drop function incident_figure_day_key(varchar);
drop table incident_figure_day;

create table incident_figures_daily (
    node_path       varchar(400) collate "C" not null,
    day             date          not null,
    shard           smallint      not null,
    received        bigint        not null default 0,
    accepted24      bigint        not null default 0,
    accepted        bigint        not null default 0,
    accept_seconds  numeric       not null default 0,
    resolved        bigint        not null default 0,
    on_time         bigint        not null default 0,
    resolve_seconds numeric       not null default 0,
    rated           bigint        not null default 0,
    rating_sum      bigint        not null default 0,
    reopened        bigint        not null default 0,
    primary key (node_path, day, shard)
);

create table incident_figures_hourly (
    node_path       varchar(400) collate "C" not null,
    hour            timestamptz   not null,
    shard           smallint      not null,
    received        bigint        not null default 0,
    accepted24      bigint        not null default 0,
    accepted        bigint        not null default 0,
    accept_seconds  numeric       not null default 0,
    resolved        bigint        not null default 0,
    on_time         bigint        not null default 0,
    resolve_seconds numeric       not null default 0,
    rated           bigint        not null default 0,
    rating_sum      bigint        not null default 0,
    reopened        bigint        not null default 0,
    primary key (node_path, hour, shard)
);

create table incident_figures_open (
    node_path       varchar(400) collate "C" not null,
    created_day     date          not null,
    resolve_due_day date          not null,
    shard           smallint      not null,
    open_count      bigint        not null default 0,
    primary key (node_path, created_day, resolve_due_day, shard)
);

create table incident_figures_due (
    node_path       varchar(400) collate "C" not null,
    due_day         date          not null,
    shard           smallint      not null,
    running         bigint        not null default 0,
    primary key (node_path, due_day, shard)
);

-- The path itself and its ancestors up to max_depth ids: '/1/14/200/7/' → '/1/', '/1/14/', '/1/14/200/' (max 3).
create function incident_figures_nodes(path varchar, max_depth integer)
    returns table (node_path varchar, depth integer)
    language sql immutable parallel safe
    as $$ select '/' || array_to_string(ids[1:k], '/') || '/', k
            from (select string_to_array(btrim(path, '/'), '/') as ids) p,
                 generate_series(1, least(max_depth, cardinality(p.ids))) k $$;

create function incident_figures_shard(depth integer) returns smallint language sql volatile
    as $$ select case when depth <= 2 then (pg_backend_pid() % 8)::smallint else 0::smallint end $$;

-- The Asia/Shanghai day of an instant (no daylight saving: hours are UTC hours).
create function incident_figures_day(t timestamptz) returns date language sql immutable parallel safe
    as $$ select (t at time zone 'Asia/Shanghai')::date $$;

-- adds (sign = 1) or removes (sign = -1) one incident's sums; add_sums, add_open, add_due: which of the tables change
create function incident_figures_add(i incident, sign integer, add_sums boolean, add_open boolean, add_due boolean)
    returns void language plpgsql as $$
begin
    if add_sums then
        insert into incident_figures_daily as d (node_path, day, shard, received, accepted24, accepted, accept_seconds,
                                                 resolved, on_time, resolve_seconds, rated, rating_sum, reopened)
        select n.node_path, incident_figures_day(i.created_at), incident_figures_shard(n.depth), sign,
               sign * (i.accepted_at is not null and i.accepted_at <= i.created_at + interval '24 hours')::int,
               sign * (i.accepted_at is not null)::int,
               sign * coalesce(extract(epoch from i.accepted_at - i.created_at), 0),
               sign * (i.resolved_at is not null)::int,
               sign * (i.resolved_at is not null and i.resolved_at <= i.resolve_due_at)::int,
               sign * coalesce(extract(epoch from i.resolved_at - i.created_at), 0),
               sign * i.rating_count, sign * i.rating_total, sign * (i.reopen_count > 0)::int
          from incident_figures_nodes(i.grid_path, 4) n
        on conflict (node_path, day, shard) do update
           set received = d.received + excluded.received, accepted24 = d.accepted24 + excluded.accepted24,
               accepted = d.accepted + excluded.accepted, accept_seconds = d.accept_seconds + excluded.accept_seconds,
               resolved = d.resolved + excluded.resolved, on_time = d.on_time + excluded.on_time,
               resolve_seconds = d.resolve_seconds + excluded.resolve_seconds, rated = d.rated + excluded.rated,
               rating_sum = d.rating_sum + excluded.rating_sum, reopened = d.reopened + excluded.reopened;
        insert into incident_figures_hourly as d (node_path, hour, shard, received, accepted24, accepted,
                                                  accept_seconds, resolved, on_time, resolve_seconds, rated,
                                                  rating_sum, reopened)
        select n.node_path, date_bin(interval '1 hour', i.created_at, timestamptz '2000-01-01 00:00:00+00'),
               incident_figures_shard(n.depth), sign,
               sign * (i.accepted_at is not null and i.accepted_at <= i.created_at + interval '24 hours')::int,
               sign * (i.accepted_at is not null)::int,
               sign * coalesce(extract(epoch from i.accepted_at - i.created_at), 0),
               sign * (i.resolved_at is not null)::int,
               sign * (i.resolved_at is not null and i.resolved_at <= i.resolve_due_at)::int,
               sign * coalesce(extract(epoch from i.resolved_at - i.created_at), 0),
               sign * i.rating_count, sign * i.rating_total, sign * (i.reopen_count > 0)::int
          from incident_figures_nodes(i.grid_path, 3) n
        on conflict (node_path, hour, shard) do update
           set received = d.received + excluded.received, accepted24 = d.accepted24 + excluded.accepted24,
               accepted = d.accepted + excluded.accepted, accept_seconds = d.accept_seconds + excluded.accept_seconds,
               resolved = d.resolved + excluded.resolved, on_time = d.on_time + excluded.on_time,
               resolve_seconds = d.resolve_seconds + excluded.resolve_seconds, rated = d.rated + excluded.rated,
               rating_sum = d.rating_sum + excluded.rating_sum, reopened = d.reopened + excluded.reopened;
    end if;
    -- IncidentState.OPEN: awaiting acceptance, being handled, awaiting information
    if add_open and i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED',
                            'AWAITING_INFO') then
        insert into incident_figures_open as d (node_path, created_day, resolve_due_day, shard, open_count)
        select n.node_path, incident_figures_day(i.created_at), incident_figures_day(i.resolve_due_at),
               incident_figures_shard(n.depth), sign
          from incident_figures_nodes(i.grid_path, 2) n
        on conflict (node_path, created_day, resolve_due_day, shard)
            do update set open_count = d.open_count + excluded.open_count;
    end if;
    -- a deadline runs: IncidentState.AWAITING_ACCEPTANCE (accept_due_at) or BEING_HANDLED (resolve_due_at)
    if add_due and i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED') then
        insert into incident_figures_due as d (node_path, due_day, shard, running)
        select n.node_path,
               incident_figures_day(case when i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED') then i.accept_due_at
                                         else i.resolve_due_at end),
               incident_figures_shard(n.depth), sign
          from incident_figures_nodes(i.grid_path, 2) n
        on conflict (node_path, due_day, shard) do update set running = d.running + excluded.running;
    end if;
end $$;

create function incident_figures_apply() returns trigger language plpgsql as $$
declare
    sums_change boolean := true;
    open_change boolean := true;
    due_change boolean := true;
begin
    if tg_op = 'UPDATE' then
        -- only what changed is written (and locked): most moves change one table or none
        sums_change := (old.state = 'MERGED', old.grid_path, old.created_at, old.accepted_at, old.resolved_at,
                 old.resolve_due_at, old.rating_count, old.rating_total, old.reopen_count > 0)
                is distinct from
                (new.state = 'MERGED', new.grid_path, new.created_at, new.accepted_at, new.resolved_at,
                 new.resolve_due_at, new.rating_count, new.rating_total, new.reopen_count > 0);
        open_change := (old.state in ('RESOLVED', 'CLOSED', 'REJECTED', 'MERGED'), old.grid_path, old.created_at,
                 old.resolve_due_at)
                is distinct from
                (new.state in ('RESOLVED', 'CLOSED', 'REJECTED', 'MERGED'), new.grid_path, new.created_at,
                 new.resolve_due_at);
        due_change := (old.state in ('SUBMITTED', 'ESCALATED', 'REOPENED'), old.state in ('ACCEPTED', 'IN_PROGRESS', 'WHISTLED'),
                old.grid_path, old.accept_due_at, old.resolve_due_at)
               is distinct from
               (new.state in ('SUBMITTED', 'ESCALATED', 'REOPENED'), new.state in ('ACCEPTED', 'IN_PROGRESS', 'WHISTLED'),
                new.grid_path, new.accept_due_at, new.resolve_due_at);
    end if;
    if tg_op in ('UPDATE', 'DELETE') and old.state <> 'MERGED' then
        perform incident_figures_add(old, -1, sums_change, open_change, due_change);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.state <> 'MERGED' then
        perform incident_figures_add(new, 1, sums_change, open_change, due_change);
    end if;
    return null;
end $$;

create trigger incident_figures_insert after insert on incident
    for each row execute function incident_figures_apply();
create trigger incident_figures_delete after delete on incident
    for each row execute function incident_figures_apply();
-- escalations, notes, photos … change nothing counted: no trigger call at all
create trigger incident_figures_update after update on incident
    for each row
    when ((old.state, old.grid_path, old.created_at, old.accepted_at, old.resolved_at, old.accept_due_at,
           old.resolve_due_at, old.rating_count, old.rating_total, old.reopen_count > 0)
          is distinct from
          (new.state, new.grid_path, new.created_at, new.accepted_at, new.resolved_at, new.accept_due_at,
           new.resolve_due_at, new.rating_count, new.rating_total, new.reopen_count > 0))
    execute function incident_figures_apply();

-- All four tables from the incidents as they are (this migration's backfill; benchmarks/incident calls it after
-- loading incidents with triggers off). Shard 0 everywhere.
create function incident_figures_rebuild() returns void language plpgsql as $$
begin
    truncate incident_figures_daily, incident_figures_hourly, incident_figures_open, incident_figures_due;
    insert into incident_figures_daily (node_path, day, shard, received, accepted24, accepted, accept_seconds,
                                        resolved, on_time, resolve_seconds, rated, rating_sum, reopened)
    select n.node_path, incident_figures_day(i.created_at), 0, count(*),
           count(*) filter (where i.accepted_at <= i.created_at + interval '24 hours'), count(i.accepted_at),
           coalesce(sum(extract(epoch from i.accepted_at - i.created_at)), 0), count(i.resolved_at),
           count(*) filter (where i.resolved_at <= i.resolve_due_at),
           coalesce(sum(extract(epoch from i.resolved_at - i.created_at)), 0), sum(i.rating_count),
           sum(i.rating_total), count(*) filter (where i.reopen_count > 0)
      from incident i cross join lateral incident_figures_nodes(i.grid_path, 4) n
     where i.state <> 'MERGED'
     group by 1, 2;
    insert into incident_figures_hourly (node_path, hour, shard, received, accepted24, accepted, accept_seconds,
                                         resolved, on_time, resolve_seconds, rated, rating_sum, reopened)
    select n.node_path, date_bin(interval '1 hour', i.created_at, timestamptz '2000-01-01 00:00:00+00'), 0, count(*),
           count(*) filter (where i.accepted_at <= i.created_at + interval '24 hours'), count(i.accepted_at),
           coalesce(sum(extract(epoch from i.accepted_at - i.created_at)), 0), count(i.resolved_at),
           count(*) filter (where i.resolved_at <= i.resolve_due_at),
           coalesce(sum(extract(epoch from i.resolved_at - i.created_at)), 0), sum(i.rating_count),
           sum(i.rating_total), count(*) filter (where i.reopen_count > 0)
      from incident i cross join lateral incident_figures_nodes(i.grid_path, 3) n
     where i.state <> 'MERGED'
     group by 1, 2;
    insert into incident_figures_open (node_path, created_day, resolve_due_day, shard, open_count)
    select n.node_path, incident_figures_day(i.created_at), incident_figures_day(i.resolve_due_at), 0, count(*)
      from incident i cross join lateral incident_figures_nodes(i.grid_path, 2) n
     where i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED', 'AWAITING_INFO')
     group by 1, 2, 3;
    insert into incident_figures_due (node_path, due_day, shard, running)
    select n.node_path,
           incident_figures_day(case when i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED') then i.accept_due_at
                                     else i.resolve_due_at end), 0, count(*)
      from incident i cross join lateral incident_figures_nodes(i.grid_path, 2) n
     where i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED')
     group by 1, 2;
end $$;

select incident_figures_rebuild();

-- What the rollups leave to `incident`, each read through a small index:
-- the minutes at the two ends of a period (by creation time: incident_created_idx, incident_path_created_idx exist);
-- open incidents created at the two ends of a period, with their resolution deadline (index-only);
create index incident_open_created_idx on incident (created_at) include (grid_path, resolve_due_at)
    where state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED', 'AWAITING_INFO');
-- open incidents whose resolution deadline falls today (late since this morning): by deadline;
create index incident_open_resolve_due_idx on incident (resolve_due_at) include (grid_path, created_at)
    where state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED', 'AWAITING_INFO');
-- and incidents whose running deadline passed today: incident_accept_due_idx and incident_resolve_due_idx exist.
