-- Setup of the pgbench side (not measured): what the application knows before it issues any SQL for a report —
-- the grid found by the in-memory locate (JTS index, no SQL) for a random point in a random micro grid, and the
-- report's category (with its name and the grid's worker on duty, both kept in memory by the app) — as rows
-- pgbench/report.sql reads with one primary-key lookup per transaction (pgbench has no
-- other way to draw a random grid with its point). 20,000 micro grids, seeded; category drawn as wrk draws it.
\timing on
select setseed(0.20261201);
drop table if exists bench_report_grid;
create table bench_report_grid as
select y.*, c.name as category_name
  from (select row_number() over ()::int as rn, x.node_id, x.node_path,
               round(ST_Y(x.p)::numeric, 6)::float8 as lat, round(ST_X(x.p)::numeric, 6)::float8 as lng,
               (array['ENVIRONMENT','PUBLIC_FACILITY','NEIGHBOUR_DISPUTE','NOISE','OTHER','BUILDING_SAFETY','FIRE_HAZARD',
                      'GAS_HAZARD','ELDERLY_HELP'])[1 + floor(random() * 9)::int] as category,
               -- the worker on duty the app keeps in memory with the grid cards (pgbench/report.sql, issue 18)
               coalesce((select s.person_name from grid_staff s where s.node_id = x.node_id
                            and s.assigned_from <= current_date and (s.assigned_to is null or s.assigned_to >= current_date)
                          order by s.primary_worker desc, s.role, s.person_name limit 1), '') as worker
          from (select n.id as node_id, n.path as node_path,
                       ST_GeometryN(ST_GeneratePoints(ST_GeomFromWKB(b.geometry, 4326), 1, n.id::int), 1) as p
                  from grid_node n join grid_boundary b on b.node_id = n.id and b.valid_to is null
                 where n.type = 'MICRO_GRID' and n.status = 'ACTIVE' order by random() limit 20000) x) y
  join incident_category c on c.code = y.category;
alter table bench_report_grid add primary key (rn);
vacuum analyze bench_report_grid;
select count(*) as bench_report_grids from bench_report_grid;
