-- Micro-governance projects (微治理项目): proposed in a community (or a grid below it) by its managers, or by a
-- deliberation topic followed up as MICRO_PROJECT (once per topic: topic_id is unique); approved or rejected by the
-- community's or street's managers, then in progress with milestones, then completed and rated by the community's
-- residents — once each (the rating's primary key decides). The partners are the 益·社 community partners of the
-- points module, referred to by id through the shared kernel (their name is copied at the time they are named).
-- Budgets are whole fen (1 yuan = 100 fen) with their source. A street's public list is the street's subtree of
-- grid_path (no street id is copied: it would go stale when a community moves to another street).
create table participation_project (
    id              bigint generated always as identity primary key,
    grid_id         bigint        not null references grid_node (id),
    grid_path       varchar(400)  collate "C" not null,
    community_id    bigint        not null references grid_node (id),
    title           varchar(200)  not null check (length(btrim(title)) > 0),
    description     varchar(4000) not null check (length(btrim(description)) > 0),
    budget_fen      bigint        check (budget_fen between 1 and 100000000000),
    budget_source   varchar(16)   check (budget_source in ('COMMUNITY_FUND', 'STREET', 'SOCIAL', 'RESIDENTS')),
    state           varchar(12)   not null default 'PROPOSED'
                    check (state in ('PROPOSED', 'APPROVED', 'REJECTED', 'IN_PROGRESS', 'COMPLETED')),
    topic_id        bigint        unique references participation_topic (id),
    proposed_by     varchar(100)  not null,
    decided_by      varchar(100),
    decided_at      timestamptz,
    decision_note   varchar(2000),
    started_at      timestamptz,
    completed_at    timestamptz,
    progress        smallint      not null default 0 check (progress between 0 and 100),
    created_at      timestamptz   not null default now(),
    version         integer       not null default 0,
    constraint participation_project_budget check ((budget_fen is null) = (budget_source is null)),
    constraint participation_project_approved_budget check (state in ('PROPOSED', 'REJECTED') or budget_fen is not null)
);
create index participation_project_path_idx on participation_project (grid_path, created_at desc);

create table participation_project_partner (
    project_id    bigint        not null references participation_project (id),
    partner_id    bigint        not null,
    partner_name  varchar(100)  not null,
    primary key (project_id, partner_id)
);

-- Milestones: what was done on which day and how far the project is (text and date; photos in participation_project_photo).
create table participation_project_milestone (
    id           bigint generated always as identity primary key,
    project_id   bigint        not null references participation_project (id),
    title        varchar(200)  not null check (length(btrim(title)) > 0),
    note         varchar(2000),
    reached_on   date          not null,
    progress     smallint      not null check (progress between 0 and 100),
    recorded_by  varchar(100)  not null,
    created_at   timestamptz   not null default now()
);
create index participation_project_milestone_idx on participation_project_milestone (project_id, reached_on, id);

-- Residents' rating of a completed project: one per person.
create table participation_project_rating (
    project_id  bigint       not null references participation_project (id),
    person_id   bigint       not null,
    stars       smallint     not null check (stars between 1 and 5),
    created_at  timestamptz  not null default now(),
    primary key (project_id, person_id)
);
