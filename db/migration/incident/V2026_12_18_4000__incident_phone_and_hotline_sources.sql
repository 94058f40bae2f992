-- A resident's call taken by grid staff (电话) or on the community's hotline (热线) is a source of its own: the
-- console records the caller's contact with it, and figures can tell phoned-in reports from the rest.
alter table incident drop constraint incident_source_check;
alter table incident add constraint incident_source_check
    check (source in ('RESIDENT_REPORT', 'GRID_PATROL', 'SENSOR_ALARM', 'EXTERNAL', 'PHONE', 'HOTLINE'));
