-- Setup, not measured: :n generated incidents written straight into `incident` (psql -v n=5000000).
-- Spread uniformly over the active micro grids (their paths; the point is the grid's centroid ± a little), created
-- uniformly over the last 365 days, with the states, deadlines, acceptance/resolution times, ratings and reopens a
-- year of a working platform leaves behind. The states respect what the platform's own jobs do, so the jobs have
-- nothing to catch up on during the measurements: nothing open is past its ACCEPTANCE deadline (the escalation job
-- would escalate it), and RESOLVED ones are at most 7 days old (older are CLOSED: the auto-close job). Overdue now
-- means past the RESOLUTION deadline while ACCEPTED / IN_PROGRESS / WHISTLED (≈ 2.5 % of the old ones).
-- Not generated: timeline, notification and summons rows (the figures endpoint reads only `incident`, and the
-- daily totals derived from it).
-- FK checks are skipped (session_replication_role = replica): the rows are valid by construction, and 5 M x 4
-- FK look-ups would only slow the setup. Secondary indexes are dropped first and re-created after the load, from
-- their own definitions (pg_get_indexdef), so the table ends with exactly the schema's indexes.
\timing on
set session_replication_role = replica;
set maintenance_work_mem = '512MB';

create temp table gen_grid as
select row_number() over (order by n.id)::int as rn, n.id, n.path, p.id as parent_id, p.path as parent_path,
       ST_Y(c) as lat, ST_X(c) as lng
  from grid_node n
  join grid_node p on p.id = n.parent_id
  join grid_boundary b on b.node_id = n.id and b.valid_to is null
  cross join lateral (select ST_Centroid(ST_GeomFromWKB(b.geometry, 4326)) as c) centroid
 where n.type = 'MICRO_GRID' and n.status = 'ACTIVE';
create unique index on gen_grid (rn);
analyze gen_grid;
select count(*) as micro_grids from gen_grid \gset

create temp table gen_index as
select indexname, pg_get_indexdef(i.indexrelid) as def
  from pg_indexes x join pg_index i on i.indexrelid = (quote_ident(x.schemaname) || '.' || quote_ident(x.indexname))::regclass
 where x.tablename = 'incident' and not i.indisprimary
   and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
select string_agg(indexname, ', ') as dropped_indexes from gen_index;
select format('drop index %I', indexname) from gen_index \gexec

select coalesce(max(id), 0) as id0 from incident \gset
insert into incident (id, tracking_code, category_code, source, description, lat, lng, grid_id, grid_path,
                      holder_grid_id, holder_path, assignee_name, state, outside_grid, anonymous, reporter_username,
                      accept_due_at, resolve_due_at, accepted_at, resolved_at, closed_at, escalations, reopen_count,
                      rating, merged_into_id, version, created_at, updated_at)
overriding system value
select s.id, 'GEN' || lpad(s.i::text, 9, '0'), s.category, s.source, '生成的事件 ' || s.i, g.lat + s.dlat, g.lng + s.dlng,
       g.id, g.path,
       case when s.state in ('ESCALATED', 'WHISTLED') then g.parent_id else g.id end,
       case when s.state in ('ESCALATED', 'WHISTLED') then g.parent_path else g.path end,
       '网格员' || g.id, s.state, false, s.anonymous, 'gen-resident-' || (s.i % 200000),
       case when s.state in ('ESCALATED', 'REOPENED') then now() + interval '6 hours' else s.created_at + interval '24 hours' end,
       s.created_at + s.resolve_hours * interval '1 hour',
       s.accepted_at,
       case when s.state in ('RESOLVED', 'CLOSED') then least(s.accepted_at + s.work_hours * interval '1 hour', now() - interval '1 minute') end,
       case when s.state = 'CLOSED' then least(s.accepted_at + (s.work_hours + 24 * 5) * interval '1 hour', now() - interval '1 minute') end,
       case when s.state in ('ESCALATED', 'WHISTLED') then 1 else 0 end,
       case when s.state = 'REOPENED' or s.r_reopen < 0.03 and s.state = 'CLOSED' then 1 else 0 end,
       case when s.state = 'CLOSED' and s.r_rate < 0.7 then greatest(1, least(5, 5 - floor(s.r_rate * s.r_rate * 8)::int)) end,
       case when s.state = 'MERGED' then s.id - 1 end,
       0, s.created_at, s.created_at
  from (
    select i, :id0 + i as id, rn, created_at, age_h, category, source, anonymous, dlat, dlng, resolve_hours,
           work_hours, r_reopen, r_rate, state,
           case when state not in ('SUBMITTED', 'REJECTED', 'MERGED')
                then least(created_at + accept_h * interval '1 hour', now() - interval '1 minute') end as accepted_at
      from (
        select i, rn, created_at, age_h, category, source, anonymous, dlat, dlng, resolve_hours, r_reopen, r_rate,
               -- hours to accept: 90 % within 24 h (exponential, mean 6 h), the rest 24–72 h
               case when r_acc < 0.9 then -6 * ln(1 - random()) else 24 + 48 * random() end as accept_h,
               1 + 96 * random() as work_hours,
               case
                 when age_h < 24 then case when r_state < 0.4 then 'SUBMITTED' when r_state < 0.8 then 'ACCEPTED' else 'IN_PROGRESS' end
                 when age_h < 24 * 7 then case when r_state < 0.10 then 'ACCEPTED' when r_state < 0.30 then 'IN_PROGRESS'
                                               when r_state < 0.33 then 'ESCALATED' when r_state < 0.35 then 'WHISTLED'
                                               when r_state < 0.85 then 'RESOLVED' else 'CLOSED' end
                 else case when r_state < 0.015 then 'IN_PROGRESS' when r_state < 0.025 then 'WHISTLED'
                           when r_state < 0.030 then 'REOPENED' when r_state < 0.080 then 'REJECTED'
                           when r_state < 0.095 and i > 1 then 'MERGED' else 'CLOSED' end
               end as state
          from (
            select i, 1 + floor(random() * :micro_grids)::int as rn,
                   now() - random() * interval '365 days' as created_at,
                   (array['ENVIRONMENT','ENVIRONMENT','ENVIRONMENT','PUBLIC_FACILITY','PUBLIC_FACILITY','NEIGHBOUR_DISPUTE',
                          'NOISE','NOISE','OTHER','BUILDING_SAFETY','FIRE_HAZARD','GAS_HAZARD','ELDERLY_HELP'])[1 + floor(random() * 13)::int] as category,
                   (array['RESIDENT_REPORT','RESIDENT_REPORT','RESIDENT_REPORT','GRID_PATROL','GRID_PATROL','SENSOR_ALARM','EXTERNAL'])[1 + floor(random() * 7)::int] as source,
                   random() < 0.05 as anonymous, (random() - 0.5) * 0.0006 as dlat, (random() - 0.5) * 0.0006 as dlng,
                   (array[24, 48, 72, 120])[1 + floor(random() * 4)::int] as resolve_hours,
                   random() as r_acc, random() as r_state, random() as r_reopen, random() as r_rate
              from generate_series(1, :n) i
          ) raw
        cross join lateral (select extract(epoch from now() - raw.created_at) / 3600 as age_h) a
      ) staged
  ) s
  join gen_grid g on g.rn = s.rn;
select setval(pg_get_serial_sequence('incident', 'id'), (select max(id) from incident));
select def from gen_index \gexec
set session_replication_role = origin;
-- Triggers do not fire in replica mode: where the build has the daily figure totals (migration
-- V2026_12_01_1500__incident_figure_day.sql), rebuild them from all incidents exactly as that migration does.
select to_regclass('incident_figure_day') is not null as has_figure_day \gset
\if :has_figure_day
truncate incident_figure_day;
insert into incident_figure_day (street_path, day, received, accepted24, accepted, accept_seconds, resolved, on_time,
                                 resolve_seconds, rated, rating_sum, reopened)
select incident_figure_day_key(grid_path), (created_at at time zone 'UTC')::date, count(*),
       count(*) filter (where accepted_at <= created_at + interval '24 hours'), count(accepted_at),
       coalesce(sum(extract(epoch from accepted_at - created_at)), 0), count(resolved_at),
       count(*) filter (where resolved_at <= resolve_due_at),
       coalesce(sum(extract(epoch from resolved_at - created_at)), 0), count(rating), coalesce(sum(rating), 0),
       count(*) filter (where reopen_count > 0)
  from incident
 where state <> 'MERGED'
 group by 1, 2;
vacuum analyze incident_figure_day;
select count(*) as figure_day_rows, pg_size_pretty(pg_total_relation_size('incident_figure_day')) as figure_day_size
  from incident_figure_day;
\endif
-- where the build has the per-node rollups of issue 18 (migration V2026_12_19_2000), rebuild them with the function
-- that migration backfills with
select to_regproc('incident_figures_rebuild') is not null as has_rollups \gset
\if :has_rollups
\timing on
select incident_figures_rebuild();
\timing off
vacuum analyze incident_figures_daily, incident_figures_hourly, incident_figures_open, incident_figures_due;
select relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)) from pg_stat_user_tables
 where relname like 'incident_figures_%' order by relname;
\endif
vacuum analyze incident;
select count(*) as incidents, pg_size_pretty(pg_total_relation_size('incident')) as incident_size,
       pg_size_pretty(pg_indexes_size('incident')) as index_size from incident;
select state, count(*) from incident group by state order by 2 desc;
