-- Step 1 of the Citus plan (docs/SCALING.md): the small tables every shard joins become reference tables (one full
-- copy on every worker). Run on the coordinator after the Flyway migrations; the tables that reference them stay
-- local to the coordinator (Citus turns them into "Citus local tables") until step 2 distributes them by district.
-- Not a Flyway migration: a plain PostgreSQL must never run it. Tried only by CitusPlanIT, where a Docker engine
-- answers (none on the project's machines).
select citus_set_coordinator_host('coordinator', 5432);
select create_reference_table('grid_topology');
select create_reference_table('grid_node');
select create_reference_table('grid_boundary');
select create_reference_table('department');
select create_reference_table('incident_category');
select create_reference_table('work_calendar_day');
select create_reference_table('service_type');
