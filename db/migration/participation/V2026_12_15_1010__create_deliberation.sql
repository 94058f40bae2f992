-- Deliberation (议事): a topic raised by a resident or staff in a community (or a grid below it), comments, supports
-- (one per person: the primary key decides), a support threshold that puts it on the community's meeting agenda —
-- once: the agenda's unique topic_id and the topic row's lock decide a race —, a recorded decision and its follow-up
-- (an incident, asked for through the shared kernel's IncidentRequested event, or a micro-project later), and the
-- timeline of all of it.
create table participation_topic (
    id                 bigint generated always as identity primary key,
    grid_id            bigint        not null references grid_node (id),
    grid_path          varchar(400)  collate "C" not null,
    community_id       bigint        not null references grid_node (id),
    title              varchar(200)  not null check (length(btrim(title)) > 0),
    body               varchar(4000) not null check (length(btrim(body)) > 0),
    raised_by_id       bigint        not null,
    raised_by          varchar(100)  not null,
    raised_by_staff    boolean       not null,
    support_threshold  integer       not null check (support_threshold between 1 and 100000),
    supports           integer       not null default 0,
    state              varchar(10)   not null default 'OPEN'
                       check (state in ('OPEN', 'ON_AGENDA', 'DECIDED')),
    decision           varchar(4000),
    decided_by         varchar(100),
    decided_at         timestamptz,
    follow_up          varchar(14)   check (follow_up in ('NONE', 'INCIDENT', 'MICRO_PROJECT')),
    follow_up_note     varchar(2000),
    follow_up_key      uuid          unique,
    created_at         timestamptz   not null default now(),
    version            integer       not null default 0,
    constraint participation_topic_decided check ((state = 'DECIDED') = (decision is not null)),
    constraint participation_topic_follow_up check (follow_up is null or state = 'DECIDED')
);
create index participation_topic_path_idx on participation_topic (grid_path, created_at desc);

create table participation_topic_comment (
    id          bigint generated always as identity primary key,
    topic_id    bigint        not null references participation_topic (id),
    author_id   bigint        not null,
    author      varchar(100)  not null,
    body        varchar(2000) not null check (length(btrim(body)) > 0),
    created_at  timestamptz   not null default now()
);
create index participation_topic_comment_idx on participation_topic_comment (topic_id, id);

create table participation_topic_support (
    topic_id    bigint       not null references participation_topic (id),
    person_id   bigint       not null,
    created_at  timestamptz  not null default now(),
    primary key (topic_id, person_id)
);

-- The community's meeting agenda: a topic is put on it once.
create table participation_agenda_item (
    id            bigint generated always as identity primary key,
    community_id  bigint        not null references grid_node (id),
    topic_id      bigint        not null unique references participation_topic (id),
    added_at      timestamptz   not null default now()
);
create index participation_agenda_community_idx on participation_agenda_item (community_id, added_at);

-- What happened to a topic, in order: raised, put on the agenda, decided, followed up.
create table participation_topic_event (
    id          bigint generated always as identity primary key,
    topic_id    bigint        not null references participation_topic (id),
    kind        varchar(20)   not null,
    detail      varchar(2000),
    actor       varchar(100)  not null,
    at          timestamptz   not null default now()
);
create index participation_topic_event_idx on participation_topic_event (topic_id, id);
