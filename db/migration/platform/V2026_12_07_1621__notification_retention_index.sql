-- Retention (docs/RELIABILITY.md, NotificationRetention): a notification's read marks by notification, with their
-- time (the primary key leads with the account).
create index notification_read_by_notification on notification_read (notification_id, read_at);
