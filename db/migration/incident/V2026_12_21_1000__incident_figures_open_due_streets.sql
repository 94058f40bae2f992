-- Incident figures of a STREET from the open and due rollups too (issue 18). Until now incident_figures_open and
-- incident_figures_due (V2026_12_19_2000) were kept for nodes of depth <= 2 (CITY, districts) only, and a street counted
-- "open past the resolution deadline" and "overdue now" from its own incidents by path: a street with many open
-- incidents (the benchmark's streets have several hundred overdue each) fetched every one of them from the table, the
-- p95 of street figures stayed near 100 ms against a p50 of 18-21 ms (docs/BENCHMARKS.md, quiet incident runs).
-- From here both tables are kept for depth <= 3 (CITY, district, street), and IncidentFigureQuery.OPEN_MAX_DEPTH
-- is 3: a street reads its own rows, as the CITY does.
--
-- Cost on the write side: an open report adds two more upserts (the street's open row and due row) in the trigger,
-- nothing more for the application (StatementsPerRequestIT unchanged). Street rows stay in shard 0, as the street's
-- daily and hourly rows: a street has a few reports an hour.
--
-- The functions below are those of V2026_12_19_2000 with depth 3 in place of 2 for these two tables; nothing else
-- changes. The backfill adds the streets' rows from the incidents as they are. `incident` is locked against writes
-- (SHARE) for the migration's transaction, so a report committed by another node during a rolling deployment is either
-- in the backfill or counted by the new trigger, never neither nor both.

lock table incident in share mode;

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


-- the streets' rows (depth 3) from the incidents as they are; the CITY's and the districts' rows are kept as they are
insert into incident_figures_open (node_path, created_day, resolve_due_day, shard, open_count)
select n.node_path, incident_figures_day(i.created_at), incident_figures_day(i.resolve_due_at), 0, count(*)
  from incident i cross join lateral incident_figures_nodes(i.grid_path, 3) n
 where n.depth = 3
   and i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED', 'AWAITING_INFO')
 group by 1, 2, 3;
insert into incident_figures_due (node_path, due_day, shard, running)
select n.node_path,
       incident_figures_day(case when i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED') then i.accept_due_at
                                 else i.resolve_due_at end), 0, count(*)
  from incident i cross join lateral incident_figures_nodes(i.grid_path, 3) n
 where n.depth = 3
   and i.state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED')
 group by 1, 2;
