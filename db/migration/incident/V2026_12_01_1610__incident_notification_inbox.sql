-- Notifications become an inbox the apps read: by recipient, newest first, with a read mark.
alter table incident_notification add column read_at timestamptz;
create index incident_notification_recipient_idx on incident_notification (recipient, id desc);
