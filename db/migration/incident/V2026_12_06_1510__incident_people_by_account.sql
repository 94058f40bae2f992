-- Issue 15: incidents address people by account, never by name or login.
-- The reporter's account and role (notifications to the reporter, IncidentClosed); the last resolver's role.
alter table incident
    add column reporter_account_id bigint,
    add column reporter_role       varchar(24),
    add column resolved_by_role    varchar(24);
update incident i set reporter_account_id = a.id, reporter_role = a.role from account a where a.username = i.reporter_username;

-- Who did a step or uploaded a photo, as others are shown them: a role and a display name ("网格员 王建国"), never the
-- login. actor / uploaded_by keep the login for auditors only.
alter table incident_timeline
    add column actor_account_id bigint,
    add column actor_display    varchar(120);
alter table incident_photo
    add column uploaded_by_account_id bigint,
    add column uploaded_by_role       varchar(24),
    add column uploaded_by_display    varchar(120);

-- A sensor's event is taken once: a repeated eventId writes nothing new.
create table incident_sensor_event (
    device_id   varchar(64)  not null,
    event_id    varchar(100) not null,
    incident_id bigint       not null references incident (id),
    received_at timestamptz  not null default now(),
    primary key (device_id, event_id)
);

-- Tracking codes from a sequence through a bijection: never two alike, so a report never fails on its code.
create sequence incident_tracking_seq;

-- 督办: a higher level marks the incident with a due date; the overdue job remembers which deadline it acted on so
-- that a REMIND rule reminds once per deadline, not every minute.
alter table incident
    add column supervised_due_at  timestamptz,
    add column overdue_acted_for  timestamptz;
