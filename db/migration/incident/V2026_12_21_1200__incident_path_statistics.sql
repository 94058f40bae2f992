-- Finer statistics for the paths of `incident` (issue 18). A street's or a community's incidents are the range
-- grid_path >= '/1/6/73/' and < '/1/6/730' (PathRange: the upper bound is the path with its last '/' raised to '0').
-- With the default statistics target (100) one histogram bucket holds about 1 % of the rows (50,000 of 5 M), more than
-- a street has, so the range falls inside one bucket, and the planner interpolates the two bounds, which differ only in
-- their last character, into almost nothing: it estimated 1 row for a street of 22,925 incidents. It then read the
-- street's incidents through incident_grid_path_idx, fetching all 22,925 from the table to keep the 89 created in the
-- minutes at the period's ends: 93 + 45 ms of a 152 ms statement, the p95 of street figures near 150 ms against a p50
-- of 18 ms (EXPLAIN in benchmarks/incident/results/2026-12-07-five-minute-sums-run2/explain_figures_street.txt).
-- With 1,000 buckets (0.1 % each) a street spans several whole buckets and is estimated from them. holder_path is
-- read by the same ranges (data scope of incident lists) and gets the same.

alter table incident alter column grid_path set statistics 1000;
alter table incident alter column holder_path set statistics 1000;
analyze incident (grid_path, holder_path);
