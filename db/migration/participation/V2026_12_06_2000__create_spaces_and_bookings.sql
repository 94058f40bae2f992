-- Community public spaces (社区公共活动空间) and their bookings (预约).
-- A space hangs on a grid node (usually a community, sometimes a compound's micro grid) and copies its path for the
-- data scope; bookings copy the space's path so scoped lists need no join.
create table participation_space (
    id                 bigint generated always as identity primary key,
    grid_id            bigint        not null references grid_node (id),
    grid_path          varchar(400)  collate "C" not null,
    name               varchar(100)  not null check (length(btrim(name)) > 0),
    capacity           integer       not null check (capacity between 1 and 10000),
    rules              varchar(2000),
    approval_required  boolean       not null default false,
    -- who may book: residents (and staff), or the community's staff only
    bookable_by        varchar(10)   not null default 'RESIDENTS' check (bookable_by in ('RESIDENTS', 'STAFF')),
    slot_minutes       integer       not null default 30 check (slot_minutes in (15, 30, 60)),
    max_minutes        integer       not null default 240 check (max_minutes between 15 and 1440),
    closed_on_holidays boolean       not null default true,
    active             boolean       not null default true,
    created_by         varchar(100)  not null,
    created_at         timestamptz   not null default now(),
    version            integer       not null default 0
);
create index participation_space_path_idx on participation_space (grid_path);

-- Opening hours by ISO weekday (1 = Monday) in China time; several intervals a day are allowed, never overlapping.
create table participation_space_hours (
    space_id  bigint   not null references participation_space (id) on delete cascade,
    weekday   smallint not null check (weekday between 1 and 7),
    opens     time     not null,
    closes    time     not null,
    primary key (space_id, weekday, opens),
    check (opens < closes)
);

-- One booking of one slot. The exclusion constraint is the rule "a space is never booked twice": two held bookings
-- (pending approval or confirmed, and the past ones kept as attended / no-show) of one space cannot overlap in time,
-- whatever the application does or however many requests race. Rejected and cancelled bookings free the slot.
create table participation_booking (
    id              bigint generated always as identity primary key,
    space_id        bigint        not null references participation_space (id),
    grid_path       varchar(400)  collate "C" not null,
    booker_id       bigint        not null,
    booker_name     varchar(100)  not null,
    group_name      varchar(100),
    purpose         varchar(500)  not null check (length(btrim(purpose)) > 0),
    attendees       integer       not null check (attendees > 0),
    starts_at       timestamptz   not null,
    ends_at         timestamptz   not null,
    state           varchar(10)   not null check (state in ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED',
                                                           'ATTENDED', 'NO_SHOW')),
    decided_by      varchar(100),
    decided_at      timestamptz,
    decision_note   varchar(500),
    created_at      timestamptz   not null default now(),
    constraint participation_booking_period check (starts_at < ends_at),
    constraint participation_booking_no_overlap exclude using gist (
        space_id with =, tstzrange(starts_at, ends_at, '[)') with &&)
        where (state in ('PENDING', 'CONFIRMED', 'ATTENDED', 'NO_SHOW'))
);
create index participation_booking_path_idx on participation_booking (grid_path, starts_at);
create index participation_booking_booker_idx on participation_booking (booker_id, starts_at desc);
