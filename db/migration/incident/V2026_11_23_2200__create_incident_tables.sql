-- Incidents: 随手报 → the right grid → escalation (网格发现、街道吹哨、部门报到) → closed loop.

create table incident_category (
    code             varchar(40)  primary key check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name             varchar(100) not null,
    response_hours   integer      not null check (response_hours > 0),
    resolution_hours integer      not null check (resolution_hours > 0),
    working_hours    boolean      not null default true,
    active           boolean      not null default true
);
insert into incident_category (code, name, response_hours, resolution_hours, working_hours) values
 ('GAS_HAZARD', '燃气安全隐患', 1, 24, false),
 ('BUILDING_SAFETY', '房屋安全（裂缝、空置危房）', 4, 72, false),
 ('FIRE_HAZARD', '消防安全隐患', 2, 48, false),
 ('ENVIRONMENT', '环境卫生（垃圾堆放）', 24, 48, true),
 ('PUBLIC_FACILITY', '公共设施损坏（路灯、井盖）', 24, 120, true),
 ('NEIGHBOUR_DISPUTE', '邻里纠纷', 24, 120, true),
 ('NOISE', '噪音扰民', 24, 72, true),
 ('ELDERLY_HELP', '独居老人求助', 1, 24, false),
 ('OTHER', '其他', 24, 120, true);

-- Days that differ from the Monday–Friday working week: public holidays, and weekend days made working days.
create table work_calendar_day (
    day     date         primary key,
    working boolean      not null,
    note    varchar(100)
);
insert into work_calendar_day (day, working, note) values
 ('2026-01-01', false, '元旦'), ('2026-10-01', false, '国庆节'), ('2026-10-02', false, '国庆节'),
 ('2026-10-05', false, '国庆节'), ('2026-10-06', false, '国庆节'), ('2026-10-07', false, '国庆节'),
 ('2026-10-10', true, '国庆调休');

create table incident (
    id                  bigint generated always as identity primary key,
    tracking_code       varchar(20)   not null unique,
    category_code       varchar(40)   not null references incident_category (code),
    source              varchar(16)   not null check (source in ('RESIDENT_REPORT', 'GRID_PATROL', 'SENSOR_ALARM', 'EXTERNAL')),
    description         varchar(4000) not null,
    lat                 double precision check (lat between -90 and 90),
    lng                 double precision check (lng between -180 and 180),
    -- the grid where it is (scope is decided by its path) and the grid whose level holds it now
    grid_id             bigint        not null references grid_node (id),
    grid_path           varchar(400)  collate "C" not null,
    holder_grid_id      bigint        not null references grid_node (id),
    holder_path         varchar(400)  collate "C" not null,
    assignee_name       varchar(50),
    state               varchar(16)   not null check (state in ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'ESCALATED',
        'WHISTLED', 'RESOLVED', 'CLOSED', 'REJECTED', 'MERGED', 'REOPENED')),
    outside_grid        boolean       not null default false,
    anonymous           boolean       not null default false,
    reporter_username   varchar(64)   not null,
    idempotency_key     varchar(255),
    device_id           varchar(64),
    accept_due_at       timestamptz   not null,
    resolve_due_at      timestamptz   not null,
    accepted_at         timestamptz,
    resolved_at         timestamptz,
    closed_at           timestamptz,
    escalations         smallint      not null default 0,
    reopen_count        smallint      not null default 0,
    rating              smallint      check (rating between 1 and 5),
    rating_comment      varchar(500),
    rejection_reason    varchar(1000),
    merged_into_id      bigint references incident (id),
    version             bigint        not null default 0,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    constraint incident_idempotency_uk unique (reporter_username, idempotency_key),
    constraint incident_merged check ((state = 'MERGED') = (merged_into_id is not null))
);
create index incident_grid_path_idx on incident (grid_path, state);
create index incident_holder_path_idx on incident (holder_path, state, accept_due_at);
create index incident_reporter_idx on incident (reporter_username, created_at desc);
create index incident_accept_due_idx on incident (accept_due_at) where state in ('SUBMITTED', 'ESCALATED', 'REOPENED');
create index incident_category_open_idx on incident (category_code, created_at) where state not in ('CLOSED', 'REJECTED', 'MERGED');
-- a sensor opens one incident at a time
create unique index incident_open_device_uk on incident (device_id)
    where device_id is not null and state not in ('RESOLVED', 'CLOSED', 'REJECTED', 'MERGED');

-- Every move is a timeline entry that nobody can edit or delete.
create table incident_timeline (
    id          bigint generated always as identity primary key,
    incident_id bigint        not null references incident (id),
    at          timestamptz   not null,
    actor       varchar(64)   not null,
    actor_role  varchar(24),
    action      varchar(24)   not null,
    from_state  varchar(16),
    to_state    varchar(16),
    grid_id     bigint references grid_node (id),
    note        varchar(2000)
);
create index incident_timeline_incident_idx on incident_timeline (incident_id, id);
create function incident_timeline_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'incident_timeline is append-only';
end $$;
create trigger incident_timeline_no_update before update or delete on incident_timeline
    for each row execute function incident_timeline_append_only();

-- A street's whistle (吹哨) summons departments; each must check in (报到) by its deadline and report its action.
create table incident_summons (
    id              bigint generated always as identity primary key,
    incident_id     bigint       not null references incident (id),
    department_id   bigint       not null references department (id),
    summoned_at     timestamptz  not null,
    check_in_due_at timestamptz  not null,
    checked_in_at   timestamptz,
    checked_in_by   varchar(64),
    reported_at     timestamptz,
    report          varchar(2000),
    constraint incident_summons_uk unique (incident_id, department_id)
);
create index incident_summons_department_idx on incident_summons (department_id, incident_id);

-- Notifications to send (the delivery channel is the integrators' issue); one row per recipient and event.
create table incident_notification (
    id          bigint generated always as identity primary key,
    incident_id bigint       not null references incident (id),
    recipient   varchar(100) not null,
    message     varchar(500) not null,
    created_at  timestamptz  not null default now()
);
create index incident_notification_incident_idx on incident_notification (incident_id);
