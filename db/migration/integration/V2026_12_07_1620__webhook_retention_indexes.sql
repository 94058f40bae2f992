-- Retention (docs/RELIABILITY.md, WebhookRetention): find old finished deliveries, and whether an old outbox event
-- still has any delivery, without scanning the tables.
create index webhook_delivery_delivered_at on webhook_delivery (delivered_at) where state = 'DELIVERED';
create index webhook_delivery_failed_at on webhook_delivery (coalesce(last_attempt_at, created_at))
    where state = 'FAILED';
create index webhook_delivery_outbox_event on webhook_delivery (outbox_event_id);
create index outbox_event_occurred_at on outbox_event (occurred_at);
