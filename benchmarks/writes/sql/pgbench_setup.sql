-- Setup of the pgbench side (not measured): what the application knows before it issues any SQL for a report —
-- the grid its in-memory locate finds for the point, the report's category with its name, and the grid's worker on
-- duty (kept in memory with the grid cards) — as rows pgbench/report.sql reads
-- with one primary-key look-up per transaction (pgbench has no other way to draw a grid with its point). The rows
-- come from points.py (code,lat,lng,category on psql's stdin): the same points wrk sends.
create temp table points_in (code text, lat float8, lng float8, category text);
\copy points_in from pstdin with (format csv)
drop table if exists bench_report_grid;
create table bench_report_grid as
select row_number() over ()::int as rn, n.id as node_id, n.path as node_path, p.lat, p.lng, p.category,
       c.name as category_name,
       coalesce((select s.person_name from grid_staff s where s.node_id = n.id and s.assigned_from <= current_date
                    and (s.assigned_to is null or s.assigned_to >= current_date)
                  order by s.primary_worker desc, s.role, s.person_name limit 1), '') as worker
  from points_in p join grid_node n on n.code = p.code and n.status = 'ACTIVE'
  join incident_category c on c.code = p.category;
alter table bench_report_grid add primary key (rn);
