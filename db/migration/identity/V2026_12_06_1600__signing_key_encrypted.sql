-- The JWT signing key is kept encrypted with the platform's data keys (AES-256-GCM, purpose jwt_signing_key): a dump
-- of the database is no longer enough to mint an administrator's token. New keys write only private_key_enc; a key
-- stored in plain text before this migration is encrypted by the application at its next start (SigningKeys), which
-- then clears the plain text.
alter table signing_key add column private_key_enc bytea;
alter table signing_key alter column private_key drop not null;
alter table signing_key add constraint signing_key_private_key_kept
    check (private_key is not null or private_key_enc is not null);
