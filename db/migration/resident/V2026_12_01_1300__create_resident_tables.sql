-- People and housing (人房数据): compound → building → dwelling (with its unit), each dwelling in exactly one micro
-- grid; residents linked to dwellings by dated residences (history, 人户分离); tags as data; verification.
-- Personal data (ID number, phone, health note) is stored only encrypted (AES-GCM, key id inside the value) with a
-- keyed hash (HMAC-SHA256) beside it for exact search and uniqueness, and a masked form for display.

create table resident_compound (
    id             bigint generated always as identity primary key,
    code           varchar(40)  not null unique check (code ~ '^[0-9A-Za-z_-]{1,40}$'),
    name           varchar(100) not null,
    address        varchar(200),
    -- the community it lies in: managers of the community see it even before it has dwellings
    community_id   bigint       not null references grid_node (id),
    community_path varchar(400) collate "C" not null,
    created_at     timestamptz  not null default now()
);
create index resident_compound_path_idx on resident_compound (community_path);

create table resident_building (
    id          bigint generated always as identity primary key,
    compound_id bigint       not null references resident_compound (id),
    code        varchar(40)  not null,
    name        varchar(100) not null,
    constraint resident_building_uk unique (compound_id, code)
);

create table resident_dwelling (
    id                   bigint generated always as identity primary key,
    building_id          bigint       not null references resident_building (id),
    unit                 varchar(20)  not null default '',
    room                 varchar(20)  not null,
    -- exactly one micro grid; its path is copied here for scoped queries (one index range scan)
    grid_id              bigint       not null references grid_node (id),
    grid_path            varchar(400) collate "C" not null,
    party_centre         boolean      not null default false,
    verified_by          varchar(64),
    verified_at          timestamptz,
    verification_note    varchar(500),
    created_at           timestamptz  not null default now(),
    constraint resident_dwelling_uk unique (building_id, unit, room)
);
create index resident_dwelling_path_idx on resident_dwelling (grid_path, id);
create index resident_dwelling_verified_idx on resident_dwelling (grid_path, verified_at);

-- Shops and enterprises in a grid: places of their own kind, not dwellings.
create table resident_place (
    id           bigint generated always as identity primary key,
    kind         varchar(12)  not null check (kind in ('SHOP', 'ENTERPRISE')),
    name         varchar(100) not null,
    address      varchar(200),
    contact_name varchar(50),
    grid_id      bigint       not null references grid_node (id),
    grid_path    varchar(400) collate "C" not null,
    created_at   timestamptz  not null default now()
);
create index resident_place_path_idx on resident_place (grid_path);

create table resident_person (
    id                bigint generated always as identity primary key,
    name              varchar(50)  collate "C" not null,
    gender            varchar(6)   not null check (gender in ('MALE', 'FEMALE')),
    birth_date        date         not null check (birth_date >= date '1880-01-01'),
    id_type           varchar(16)  not null check (id_type in ('RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT',
        'TAIWAN_PERMIT', 'FOREIGN_PERMANENT', 'OTHER')),
    id_number_enc     bytea        not null,
    id_number_hmac    bytea        not null,
    id_number_masked  varchar(40)  not null,
    phone_enc         bytea,
    phone_hmac        bytea,
    phone_masked      varchar(20),
    ethnicity         varchar(20),
    population_type   varchar(10)  not null check (population_type in ('REGISTERED', 'FLOATING')),
    party_member      boolean      not null default false,
    volunteer         boolean      not null default false,
    health_note_enc   bytea,
    -- the micro grid the person lives in now (else where registered): the person's scope
    grid_id           bigint       not null references grid_node (id),
    grid_path         varchar(400) collate "C" not null,
    care_level        varchar(6)   check (care_level in ('RED', 'YELLOW', 'GREEN')),
    care_reason       varchar(500),
    care_set_by       varchar(64),
    care_set_at       timestamptz,
    last_visit_at     timestamptz,
    created_at        timestamptz  not null default now(),
    version           bigint       not null default 0,
    constraint resident_person_id_uk unique (id_type, id_number_hmac),
    constraint resident_person_care_reason check (care_level is null or care_reason is not null)
);
create index resident_person_path_idx on resident_person (grid_path, id);
create index resident_person_name_idx on resident_person (name, grid_path);
create index resident_person_phone_idx on resident_person (phone_hmac) where phone_hmac is not null;
create index resident_person_care_idx on resident_person (grid_path, care_level) where care_level is not null;

-- Dated links person ↔ dwelling: LIVING (居住) and REGISTERED (户籍) are separate, so "registered here, living
-- elsewhere" (人户分离) is two rows; moving out ends a row, never deletes it.
create table resident_residence (
    id               bigint generated always as identity primary key,
    person_id        bigint      not null references resident_person (id),
    dwelling_id      bigint      not null references resident_dwelling (id),
    kind             varchar(10) not null check (kind in ('LIVING', 'REGISTERED')),
    relation_to_head varchar(20),
    moved_in         date        not null,
    moved_out        date,
    constraint resident_residence_dates check (moved_out is null or moved_out >= moved_in)
);
create index resident_residence_dwelling_idx on resident_residence (dwelling_id) where moved_out is null;
create index resident_residence_person_idx on resident_residence (person_id);
create unique index resident_residence_current_uk on resident_residence (person_id, kind) where moved_out is null;

-- Special groups are data: a new group is a row, not a code change.
create table resident_tag (
    code          varchar(40)  primary key check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name          varchar(100) not null,
    special_group boolean      not null default true
);
insert into resident_tag (code, name) values
 ('ELDERLY_ALONE', '独居老人'), ('EMPTY_NEST', '空巢老人'), ('CHILD_IN_DIFFICULTY', '困难儿童'),
 ('DISABLED', '残疾人'), ('LOW_INCOME', '低保户'), ('VETERAN', '退役军人');

create table resident_person_tag (
    person_id bigint      not null references resident_person (id),
    tag_code  varchar(40) not null references resident_tag (code),
    primary key (person_id, tag_code)
);
create index resident_person_tag_code_idx on resident_person_tag (tag_code);
