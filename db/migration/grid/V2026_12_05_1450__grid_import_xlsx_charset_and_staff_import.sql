-- Grid imports also read .xlsx, and a CSV's character set may be named by the submitter (UTF-8 or GB18030, the
-- superset of GBK that Excel writes for "CSV" on Chinese Windows); null means "detect it".
alter table grid_import_job drop constraint grid_import_job_format_check;
alter table grid_import_job add constraint grid_import_job_format_check check (format in ('GEOJSON', 'CSV', 'XLSX'));
alter table grid_import_job add column charset varchar(16) check (charset in ('UTF-8', 'GB18030'));

-- Bulk staff assignments (name, role, grid code, work phone, from-date …) from a spreadsheet, all or nothing, as
-- background jobs of the shared job queue like the grid import. The file stays in the job row until the job ends.
create table grid_staff_import_job (
    id              bigint generated always as identity primary key,
    format          varchar(8)   not null check (format in ('CSV', 'XLSX')),
    charset         varchar(16)  check (charset in ('UTF-8', 'GB18030')),
    file_name       varchar(255),
    content         bytea,
    status          varchar(12)  not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    phase           varchar(12)  check (phase in ('READING', 'VALIDATING', 'WRITING')),
    total           integer      not null default 0,
    done            integer      not null default 0,
    created_count   integer      not null default 0,
    error_count     integer      not null default 0,
    errors          jsonb,
    failure         text,
    submitted_by    varchar(100) not null,
    submitted_at    timestamptz  not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    heartbeat_at    timestamptz,
    claimed_by      varchar(100),
    scope_node_id   bigint references grid_node (id),
    scope_path      varchar(400) collate "C"
);
create index grid_staff_import_job_queue_idx on grid_staff_import_job (status, id);
create index grid_staff_import_job_scope_idx on grid_staff_import_job (scope_path);
