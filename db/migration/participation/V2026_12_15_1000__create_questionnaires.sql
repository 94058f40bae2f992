-- Questionnaires (问卷): questions of four kinds, an audience (people bound in a subtree of the grid tree, residents
-- anywhere, or anyone holding the public link), anonymous or named, open between two dates in China time, and one
-- answer per person — decided by a unique constraint, not by a check in Java.
create table participation_questionnaire (
    id            bigint generated always as identity primary key,
    grid_id       bigint        not null references grid_node (id),
    grid_path     varchar(400)  collate "C" not null,
    title         varchar(200)  not null check (length(btrim(title)) > 0),
    description   varchar(4000),
    audience      varchar(10)   not null check (audience in ('SUBTREE', 'RESIDENTS', 'PUBLIC')),
    named         boolean       not null,
    -- the secret of the public link (PUBLIC only): whoever holds it may read and answer
    link_token    varchar(43)   unique,
    opens_at      timestamptz   not null,
    closes_at     timestamptz   not null,
    created_by    varchar(100)  not null,
    created_at    timestamptz   not null default now(),
    version       integer       not null default 0,
    constraint participation_questionnaire_period check (opens_at < closes_at),
    constraint participation_questionnaire_link check ((audience = 'PUBLIC') = (link_token is not null))
);
create index participation_questionnaire_path_idx on participation_questionnaire (grid_path, opens_at desc);

create table participation_question (
    id                bigint generated always as identity primary key,
    questionnaire_id  bigint        not null references participation_questionnaire (id),
    position          integer       not null check (position between 1 and 100),
    kind              varchar(8)    not null check (kind in ('SINGLE', 'MULTIPLE', 'SCALE', 'TEXT')),
    prompt            varchar(500)  not null check (length(btrim(prompt)) > 0),
    required          boolean       not null default true,
    scale_min         integer,
    scale_max         integer,
    constraint participation_question_position unique (questionnaire_id, position),
    constraint participation_question_scale check ((kind = 'SCALE') = (scale_min is not null and scale_max is not null)
        and (scale_min is null or scale_min < scale_max))
);

create table participation_question_option (
    question_id  bigint        not null references participation_question (id),
    position     integer       not null check (position between 1 and 20),
    label        varchar(200)  not null,
    primary key (question_id, position)
);

-- One answer per person and questionnaire (respondent_id: the account); answers through the public link have no
-- account (null, never equal to another null). respondent_name is kept only when the questionnaire is named.
create table participation_response (
    id                bigint generated always as identity primary key,
    questionnaire_id  bigint        not null references participation_questionnaire (id),
    respondent_id     bigint,
    respondent_name   varchar(100),
    submitted_at      timestamptz   not null default now(),
    constraint participation_response_once unique (questionnaire_id, respondent_id)
);

-- The answer to one question: an option (one row per chosen option), a scale value or a text.
create table participation_answer (
    response_id    bigint         not null references participation_response (id),
    question_id    bigint         not null references participation_question (id),
    option_position integer,
    scale_value    integer,
    text           varchar(2000),
    constraint participation_answer_one_kind check (num_nonnulls(option_position, scale_value, text) = 1)
);
create index participation_answer_question_idx on participation_answer (question_id);
create index participation_answer_response_idx on participation_answer (response_id);
