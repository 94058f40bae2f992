-- Imports of the community's own spreadsheets (CSV or .xlsx) as background jobs, like grid imports, but the file
-- waits on disk (gridgov.residents.import-directory, shared between nodes) instead of in the row: a million-row
-- file is far too big for a bytea. Rows are checked one by one while streaming, good rows are COPYed into the
-- staging table; set-based checks (duplicates in the file and against the database) follow; only a job without
-- a single error writes, in one transaction of insert … select.
create table resident_import_job (
    id                bigint generated always as identity primary key,
    format            varchar(8)   not null check (format in ('CSV', 'XLSX')),
    file_name         varchar(255),
    file_path         varchar(500),
    file_size         bigint       not null default 0,
    -- how far the reader is through the file: progress before the number of rows is known
    bytes_read        bigint       not null default 0,
    status            varchar(12)  not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    phase             varchar(12)  check (phase in ('READING', 'CHECKING', 'WRITING')),
    total             integer      not null default 0,
    done              integer      not null default 0,
    compounds_created integer      not null default 0,
    buildings_created integer      not null default 0,
    dwellings_created integer      not null default 0,
    residents_created integer      not null default 0,
    error_count       integer      not null default 0,
    errors            jsonb,
    failure           text,
    submitted_by      varchar(100) not null,
    submitted_at      timestamptz  not null default now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    heartbeat_at      timestamptz,
    claimed_by        varchar(100),
    scope_node_id     bigint references grid_node (id),
    scope_path        varchar(400) collate "C"
);
create index resident_import_job_queue_idx on resident_import_job (status, id);
create index resident_import_job_scope_idx on resident_import_job (scope_path);

-- Checked rows of running imports. Unlogged: it is scratch space (a crash loses it, and the job is re-run from the
-- file); never read by anything but the job that wrote it.
create unlogged table resident_import_row (
    job_id          bigint       not null,
    line            integer      not null,
    compound_code   varchar(40)  not null,
    compound_name   varchar(100) not null,
    community_id    bigint       not null,
    community_path  varchar(400) collate "C" not null,
    building_code   varchar(40)  not null,
    building_name   varchar(100) not null,
    unit            varchar(20)  not null,
    room            varchar(20)  not null,
    grid_id         bigint       not null,
    grid_path       varchar(400) collate "C" not null,
    name            varchar(50)  collate "C",
    gender          varchar(6),
    birth_date      date,
    id_type         varchar(16),
    id_number_enc   bytea,
    id_number_hmac  bytea,
    id_number_masked varchar(40),
    phone_enc       bytea,
    phone_hmac      bytea,
    phone_masked    varchar(20),
    ethnicity       varchar(20),
    population_type varchar(10),
    relation        varchar(20),
    moved_in        date,
    party_member    boolean,
    volunteer       boolean,
    tags            text
);
create index resident_import_row_job_idx on resident_import_row (job_id, line);
