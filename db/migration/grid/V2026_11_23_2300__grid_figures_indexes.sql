-- Figures of a district anti-join ~8,000 nodes against staff and boundaries. Without these the planner chose
-- parallel hash joins over whole tables (cost growing with the city, not the subtree): see docs/BENCHMARKS.md.
-- Current boundaries only, for "grids without a boundary" and for loading the spatial index.
create index grid_boundary_current_idx on grid_boundary (node_id) where valid_to is null;
-- Index-only probes for "staff on duty by role" and "grids without a primary worker".
create index grid_staff_duty_idx on grid_staff (node_id) include (role, primary_worker, assigned_from, assigned_to);
