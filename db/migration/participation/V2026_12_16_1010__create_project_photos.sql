-- Photos of a micro-governance project's milestones: JPEG, PNG or WebP recognised by content, stored in the platform's
-- blob store with their metadata (EXIF, the GPS position) removed; the row keeps the key, never the bytes.
create table participation_project_photo (
    id            bigint generated always as identity primary key,
    project_id    bigint        not null references participation_project (id),
    milestone_id  bigint        not null references participation_project_milestone (id),
    blob_key      varchar(200)  not null,
    media_type    varchar(20)   not null check (media_type in ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes    integer       not null,
    uploaded_by   varchar(100)  not null,
    uploaded_at   timestamptz   not null default now()
);
create index participation_project_photo_idx on participation_project_photo (milestone_id, id);
