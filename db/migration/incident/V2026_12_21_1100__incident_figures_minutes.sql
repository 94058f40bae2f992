-- Incident figures of the CITY root and the districts without the minutes at a period's ends read from `incident`
-- (issue 18). The hourly sums (V2026_12_19_2000) leave up to an hour at each end of each of the statement's two
-- periods (the period asked for, and its last 24 hours) to be counted from the incidents themselves: for the CITY that
-- is every report of the city in up to four hours' worth of edges. In the quiet incident benchmark after an hour of
-- 15,000 reports (a peak hour, about five times the generated average) those edges were 17 + 14 ms of the CITY
-- statement's 29-33 ms (EXPLAIN in benchmarks/incident/results/2026-12-06-issue18-quiet*/).
--
-- incident_figures_minutes: the same sums per 5-minute bucket of creation, for nodes of depth <= 2 (CITY, district),
-- 8 shards as their daily and hourly rows. A period's partial hours are read from it in whole 5-minute buckets; at most
-- 5 minutes at each end are left to `incident`. Cost on the write side: two more upserts in the trigger for a new
-- report (the CITY's and the district's bucket), nothing for the application (StatementsPerRequestIT unchanged).
--
-- Complete from `since` on: the buckets of the two days before this migration are backfilled here (a period's default
-- ends are now and 24 hours ago); older ones are not, and IncidentFigureQuery reads the minutes of an older edge from
-- `incident`, as before. incident_figures_rebuild() fills every bucket and sets `since` to -infinity. `incident` is
-- locked against writes (SHARE) for the migration's transaction, as in V2026_12_21_1000, so no report is in neither
-- the backfill nor the new trigger. Functions: those of V2026_12_21_1000 with the minutes added; nothing else
-- changes.

lock table incident in share mode;

create table incident_figures_minutes (
    node_path       varchar(400) collate "C" not null,
    bucket          timestamptz   not null,
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
    primary key (node_path, bucket, shard)
);

-- one row: the first bucket from which incident_figures_minutes is complete
create table incident_figures_minutes_since (
    since timestamptz not null
);
insert into incident_figures_minutes_since
values (date_bin(interval '5 minutes', now() - interval '2 days', timestamptz '2000-01-01 00:00:00+00'));

-- adds (sign = 1) or removes (sign = -1) one incident's sums; add_sums, add_open, add_due: which of the tables change
create or replace function incident_figures_add(i incident, sign integer, add_sums boolean, add_open boolean, add_due boolean)
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
        insert into incident_figures_minutes as d (node_path, bucket, shard, received, accepted24, accepted,
                                                  accept_seconds, resolved, on_time, resolve_seconds, rated,
                                                  rating_sum, reopened)
        select n.node_path, date_bin(interval '5 minutes', i.created_at, timestamptz '2000-01-01 00:00:00+00'),
               incident_figures_shard(n.depth), sign,
               sign * (i.accepted_at is not null and i.accepted_at <= i.created_at + interval '24 hours')::int,
               sign * (i.accepted_at is not null)::int,
               sign * coalesce(extract(epoch from i.accepted_at - i.created_at), 0),
               sign * (i.resolved_at is not null)::int,
               sign * (i.resolved_at is not null and i.resolved_at <= i.resolve_due_at)::int,
               sign * coalesce(extract(epoch from i.resolved_at - i.created_at), 0),
               sign * i.rating_count, sign * i.rating_total, sign * (i.reopen_count > 0)::int
          from incident_figures_nodes(i.grid_path, 2) n
        on conflict (node_path, bucket, shard) do update
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
          from incident_figures_nodes(i.grid_path, 3) n
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
          from incident_figures_nodes(i.grid_path, 3) n
        on conflict (node_path, due_day, shard) do update set running = d.running + excluded.running;
    end if;
end $$;

create or replace function incident_figures_rebuild() returns void language plpgsql as $$
begin
    truncate incident_figures_daily, incident_figures_hourly, incident_figures_minutes, incident_figures_open,
             incident_figures_due;
    -- every bucket is complete now
    update incident_figures_minutes_since set since = '-infinity';
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
    insert into incident_figures_minutes (node_path, bucket, shard, received, accepted24, accepted, accept_seconds,
                                         resolved, on_time, resolve_seconds, rated, rating_sum, reopened)
    select n.node_path, date_bin(interval '5 minutes', i.created_at, timestamptz '2000-01-01 00:00:00+00'), 0, count(*),
           count(*) filter (where i.accepted_at <= i.created_at + interval '24 hours'), count(i.accepted_at),
           coalesce(sum(extract(epoch from i.accepted_at - i.created_at)), 0), count(i.resolved_at),
           count(*) filter (where i.resolved_at <= i.resolve_due_at),
           coalesce(sum(extract(epoch from i.resolved_at - i.created_at)), 0), sum(i.rating_count),
           sum(i.rating_total), count(*) filter (where i.reopen_count > 0)
      from incident i cross join lateral incident_figures_nodes(i.grid_path, 2) n
     where i.state <> 'MERGED'
     group by 1, 2;
    insert into incident_figures_open (node_path, created_day, resolve_due_day, shard, open_count)
    select n.node_path, incident_figures_day(i.created_at), incident_figures_day(i.resolve_due_at), 0, count(*)
      from incident i cross join lateral incident_figures_nodes(i.grid_path, 3) n
     where i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED', 'AWAITING_INFO')
     group by 1, 2, 3;
    insert into incident_figures_due (node_path, due_day, shard, running)
    select n.node_path,
           incident_figures_day(case when i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED') then i.accept_due_at
                                     else i.resolve_due_at end), 0, count(*)
      from incident i cross join lateral incident_figures_nodes(i.grid_path, 3) n
     where i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED')
     group by 1, 2;
end $$;


-- the last two days' buckets
insert into incident_figures_minutes (node_path, bucket, shard, received, accepted24, accepted, accept_seconds,
                                     resolved, on_time, resolve_seconds, rated, rating_sum, reopened)
select n.node_path, date_bin(interval '5 minutes', i.created_at, timestamptz '2000-01-01 00:00:00+00'), 0, count(*),
       count(*) filter (where i.accepted_at <= i.created_at + interval '24 hours'), count(i.accepted_at),
       coalesce(sum(extract(epoch from i.accepted_at - i.created_at)), 0), count(i.resolved_at),
       count(*) filter (where i.resolved_at <= i.resolve_due_at),
       coalesce(sum(extract(epoch from i.resolved_at - i.created_at)), 0), sum(i.rating_count),
       sum(i.rating_total), count(*) filter (where i.reopen_count > 0)
  from incident i cross join lateral incident_figures_nodes(i.grid_path, 2) n
 where i.state <> 'MERGED'
   and i.created_at >= (select since from incident_figures_minutes_since)
 group by 1, 2;
