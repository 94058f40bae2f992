-- Identity: accounts with a role and a scope, API tokens, integrator clients, and the audit log.

create table account (
    id                 bigint generated always as identity primary key,
    username           varchar(64)  not null,
    display_name       varchar(100) not null,
    phone              varchar(20),
    password_hash      varchar(200) not null,
    role               varchar(24)  not null check (role in ('SYSTEM_ADMIN', 'DISTRICT_OFFICER', 'STREET_OFFICER',
        'COMMUNITY_WORKER', 'GRID_WORKER', 'DEPARTMENT_STAFF', 'MERCHANT', 'RESIDENT', 'INTEGRATOR')),
    -- what the account is bound to: a grid node (staff), a department, a partner (merchant); residents to themselves
    scope_node_id      bigint references grid_node (id),
    department_id      bigint references department (id),
    partner_id         bigint,
    status             varchar(12)  not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
    failed_attempts    integer      not null default 0,
    locked_until       timestamptz,
    last_login_at      timestamptz,
    password_changed_at timestamptz not null default now(),
    version            bigint       not null default 0,
    created_at         timestamptz  not null default now(),
    constraint account_username_uk unique (username),
    constraint account_username_format check (username ~ '^[A-Za-z0-9_.@-]{3,64}$'),
    constraint account_staff_scope check (role not in ('DISTRICT_OFFICER', 'STREET_OFFICER', 'COMMUNITY_WORKER',
        'GRID_WORKER') or scope_node_id is not null),
    constraint account_department check (role <> 'DEPARTMENT_STAFF' or department_id is not null),
    constraint account_merchant check (role <> 'MERCHANT' or partner_id is not null)
);
create unique index account_phone_uk on account (phone) where phone is not null;
create index account_scope_idx on account (scope_node_id);

-- Refresh tokens rotate: each use issues a new one in the same family; reusing a spent one revokes the family.
create table refresh_token (
    id          bigint generated always as identity primary key,
    token_hash  bytea        not null unique,
    family_id   uuid         not null,
    account_id  bigint       not null references account (id),
    issued_at   timestamptz  not null default now(),
    expires_at  timestamptz  not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);
create index refresh_token_family_idx on refresh_token (family_id);
create index refresh_token_account_idx on refresh_token (account_id);

-- Integrator clients (client credentials): secret stored hashed, shown once at creation.
create table integrator_client (
    id             bigint generated always as identity primary key,
    client_id      varchar(64)  not null unique,
    secret_hash    varchar(200) not null,
    name           varchar(100) not null,
    scope_node_id  bigint references grid_node (id),
    status         varchar(12)  not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
    created_by     varchar(64)  not null,
    created_at     timestamptz  not null default now()
);

-- The key that signs access tokens: generated once, shared by every application node (unless configured).
create table signing_key (
    id          varchar(40)  primary key,
    private_key text         not null,
    public_key  text         not null,
    created_at  timestamptz  not null default now()
);

-- Resident self-registration: one-time codes, hashed, short-lived, limited attempts.
create table verification_code (
    id          bigint generated always as identity primary key,
    phone       varchar(20)  not null,
    code_hash   bytea        not null,
    purpose     varchar(20)  not null,
    expires_at  timestamptz  not null,
    attempts    integer      not null default 0,
    consumed_at timestamptz,
    created_at  timestamptz  not null default now()
);
create index verification_code_phone_idx on verification_code (phone, created_at desc);

-- Append-only audit log: who, when, from where, what. Updates and deletes are refused by the database itself.
create table audit_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz  not null default now(),
    actor       varchar(64),
    actor_role  varchar(24),
    ip          varchar(64),
    action      varchar(40)  not null,
    target_type varchar(40),
    target_id   varchar(64),
    scope_path  varchar(400) collate "C",
    detail      text
);
create index audit_event_time_idx on audit_event (occurred_at desc);
create index audit_event_actor_idx on audit_event (actor, occurred_at desc);
create index audit_event_scope_idx on audit_event (scope_path);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
