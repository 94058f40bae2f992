-- Webhook signing secrets are kept encrypted (AES-GCM with the platform's data keys, see docs/SECURITY.md): a database
-- dump no longer reveals them. New subscriptions write only secret_enc; secrets stored in plain text before this
-- migration are encrypted by the application at its next start (WebhookSecretEncryption), which then clears them.
alter table webhook_subscription add column secret_enc bytea;
alter table webhook_subscription alter column secret drop not null;
alter table webhook_subscription add constraint webhook_subscription_secret_kept
    check (secret is not null or secret_enc is not null);
