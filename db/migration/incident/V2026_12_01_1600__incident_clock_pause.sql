-- The deadline clock pauses while an incident waits for its reporter to add information (AWAITING_INFO):
-- when it resumes, the resolution deadline moves by the time spent waiting.
alter table incident drop constraint incident_state_check;
alter table incident add constraint incident_state_check check (state in ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS',
    'ESCALATED', 'WHISTLED', 'RESOLVED', 'CLOSED', 'REJECTED', 'MERGED', 'REOPENED', 'AWAITING_INFO'));
alter table incident add column clock_paused_at timestamptz;
alter table incident add column paused_seconds bigint not null default 0;
alter table incident add constraint incident_clock_paused check ((state = 'AWAITING_INFO') = (clock_paused_at is not null));
