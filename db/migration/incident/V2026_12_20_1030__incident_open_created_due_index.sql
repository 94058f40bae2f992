-- Incident figures of the CITY root and the districts (issue 18) count live the open incidents created in the two
-- partial days of the period that are past their resolution deadline. At 5 M incidents the CITY statement spent
-- 24 ms of its ~45 ms there: incident_open_created_idx found today's 22,262 open incidents by creation time, and
-- each was fetched from the table to learn that all but 282 are not late yet (EXPLAIN in
-- benchmarks/incident/results/2026-12-06-issue18-quiet/explain_figures_city.txt). With the deadline in the key, the
-- index itself keeps only the late ones.

create index incident_open_created_due_idx on incident (created_at, resolve_due_at) include (grid_path)
    where state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED', 'AWAITING_INFO');
drop index incident_open_created_idx;
