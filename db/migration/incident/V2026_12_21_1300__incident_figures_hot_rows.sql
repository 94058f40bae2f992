-- The rollup rows every report updates (issue 18): the CITY's and its district's row of the day, the hour and the
-- 5-minute bucket (8 shards each), the street's and community's rows, and the open and due rows. In the incident
-- benchmark the same CITY figures request took 15 ms of PostgreSQL time right after the figures section started in one
-- run and 36 ms in another, the statement itself (logged afterwards) 10-16 ms: after a burst of 40,000 reports the
-- current rows carry tens of thousands of dead versions until autovacuum gets to them, and with the default scale
-- factor (20 % of a table of millions of rows) that is late.
--
-- Room on each page for the next version of a row (fillfactor 70), so an update stays on its page as a heap-only tuple
-- (no new index entry; pruned on access, without waiting for vacuum), and vacuum after a fixed number of dead rows
-- rather than a fraction of the table. A lower fillfactor applies to pages written from now on: the current day's,
-- hour's and bucket's rows, which are the hot ones, are new rows on new pages.

alter table incident_figures_daily set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0,
                                        autovacuum_vacuum_threshold = 10000, autovacuum_analyze_scale_factor = 0.02);
alter table incident_figures_hourly set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0,
                                         autovacuum_vacuum_threshold = 10000, autovacuum_analyze_scale_factor = 0.02);
alter table incident_figures_minutes set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0,
                                          autovacuum_vacuum_threshold = 10000, autovacuum_analyze_scale_factor = 0.02);
alter table incident_figures_open set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0,
                                       autovacuum_vacuum_threshold = 10000, autovacuum_analyze_scale_factor = 0.02);
alter table incident_figures_due set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0,
                                      autovacuum_vacuum_threshold = 10000, autovacuum_analyze_scale_factor = 0.02);
