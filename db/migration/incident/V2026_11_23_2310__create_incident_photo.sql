-- Photos of an incident: reported with it, added with progress, or as proof of resolution. The bytes live in the
-- BlobStore (metadata already stripped where the format allows); this row says what and whose.
create table incident_photo (
    id           bigint generated always as identity primary key,
    incident_id  bigint       not null references incident (id),
    blob_key     varchar(64)  not null unique,
    media_type   varchar(40)  not null check (media_type in ('image/jpeg', 'image/png', 'image/webp', 'image/heic')),
    size_bytes   integer      not null check (size_bytes > 0),
    uploaded_by  varchar(64)  not null,
    uploaded_at  timestamptz  not null default now()
);
create index incident_photo_incident_idx on incident_photo (incident_id, id);
