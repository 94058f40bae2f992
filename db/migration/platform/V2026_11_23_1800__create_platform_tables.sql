-- Cross-cutting tables of the platform (see docs/API.md and SchedulingConfiguration).

-- Idempotency-Key records: a retried creating POST gets the first response back.
create table idempotency_record (
    principal             varchar(255) not null,
    idempotency_key       varchar(255) not null,
    request_hash          bytea        not null,
    method                varchar(10)  not null,
    path                  text         not null,
    state                 varchar(16)  not null check (state in ('IN_PROGRESS', 'COMPLETED')),
    response_status       integer,
    response_content_type varchar(255),
    response_location     text,
    response_etag         varchar(255),
    response_body         bytea,
    created_at            timestamptz  not null default now(),
    completed_at          timestamptz,
    primary key (principal, idempotency_key),
    check (state = 'IN_PROGRESS' or response_status is not null)
);
create index idempotency_record_created_at_idx on idempotency_record (created_at);

-- ShedLock: a scheduled job runs on one node at a time.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);
