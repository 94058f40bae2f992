-- Grid hierarchy imports run as background jobs. The uploaded file is kept in the job row so that any application
-- node can run it; a node claims a job with FOR UPDATE SKIP LOCKED, so each job runs exactly once, and a job whose
-- node died (no heartbeat) is claimed again: its writes are one transaction, so nothing half-written remains.
create table grid_import_job (
    id              bigint generated always as identity primary key,
    format          varchar(8)   not null check (format in ('GEOJSON', 'CSV')),
    file_name       varchar(255),
    content         bytea,
    status          varchar(12)  not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    phase           varchar(12)  check (phase in ('READING', 'VALIDATING', 'WRITING')),
    total           integer      not null default 0,
    done            integer      not null default 0,
    created_count   integer      not null default 0,
    updated_count   integer      not null default 0,
    unchanged_count integer      not null default 0,
    error_count     integer      not null default 0,
    errors          jsonb,
    failure         text,
    submitted_by    varchar(100) not null,
    submitted_at    timestamptz  not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    heartbeat_at    timestamptz,
    claimed_by      varchar(100)
);
create index grid_import_job_queue_idx on grid_import_job (status, id);
