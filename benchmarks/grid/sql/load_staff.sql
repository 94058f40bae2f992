-- Setup, not measured: the generated staff list into grid_staff, joined on the grid code.
-- Run as: psql -v ON_ERROR_STOP=1 -f load_staff.sql < staff.csv   (\copy reads psql's stdin: pstdin)
\timing on
create temp table staff_in (grid_code text, person_name text, role text, work_phone text, primary_worker boolean);
\copy staff_in from pstdin with (format csv, header true)
insert into grid_staff (node_id, person_name, role, work_phone, primary_worker, assigned_from)
select n.id, s.person_name, s.role, s.work_phone, s.primary_worker, current_date - 30
  from staff_in s join grid_node n on n.code = s.grid_code;
select (select count(*) from staff_in) as csv_rows, (select count(*) from grid_staff) as grid_staff_rows;
