-- Activities (活动): organised by the community, a partner or a resident group, at a time and a place (optionally a
-- booking of a space), with a capacity, sign-up and a waiting list, check-in by a signed one-time QR code, and
-- volunteers whose confirmed hours become Happiness Card points (by event, in the points module).
create table participation_activity (
    id               bigint generated always as identity primary key,
    grid_id          bigint        not null references grid_node (id),
    grid_path        varchar(400)  collate "C" not null,
    title            varchar(200)  not null check (length(btrim(title)) > 0),
    description      varchar(4000),
    organiser_kind   varchar(10)   not null check (organiser_kind in ('COMMUNITY', 'PARTNER', 'GROUP')),
    organiser_name   varchar(100)  not null,
    starts_at        timestamptz   not null,
    ends_at          timestamptz   not null,
    place            varchar(200),
    booking_id       bigint references participation_booking (id),
    capacity         integer       not null check (capacity between 1 and 100000),
    state            varchar(10)   not null default 'OPEN' check (state in ('OPEN', 'CANCELLED')),
    -- the key the check-in codes of this activity are signed with (HMAC-SHA256); never leaves the server
    checkin_key      bytea         not null,
    report           varchar(4000),
    created_by       varchar(100)  not null,
    created_at       timestamptz   not null default now(),
    version          integer       not null default 0,
    constraint participation_activity_period check (starts_at < ends_at)
);
create index participation_activity_path_idx on participation_activity (grid_path, starts_at);

-- One person's sign-up: as a participant (counted against the capacity, else on the waiting list) or a volunteer.
-- One per person and activity; a check-in happens once (checked_in_at set once); volunteer hours confirmed once.
create table participation_signup (
    id               bigint generated always as identity primary key,
    activity_id      bigint        not null references participation_activity (id),
    person_id        bigint        not null,
    person_name      varchar(100)  not null,
    role             varchar(12)   not null check (role in ('PARTICIPANT', 'VOLUNTEER')),
    state            varchar(10)   not null check (state in ('SIGNED_UP', 'WAITING', 'CANCELLED')),
    checked_in_at    timestamptz,
    hours_confirmed  numeric(4, 1) check (hours_confirmed > 0 and hours_confirmed <= 24),
    confirmed_by     varchar(100),
    created_at       timestamptz   not null default now(),
    constraint participation_signup_once unique (activity_id, person_id),
    constraint participation_signup_checked_in check (checked_in_at is null or state = 'SIGNED_UP'),
    constraint participation_signup_hours check (hours_confirmed is null
        or (role = 'VOLUNTEER' and checked_in_at is not null))
);
create index participation_signup_person_idx on participation_signup (person_id, created_at desc);
create index participation_signup_waiting_idx on participation_signup (activity_id, id) where state = 'WAITING';

-- The check-in codes used so far: a code's nonce is accepted once (the primary key decides a race).
create table participation_checkin_use (
    nonce        varchar(32)  primary key,
    activity_id  bigint       not null references participation_activity (id),
    person_id    bigint       not null,
    used_at      timestamptz  not null default now()
);
