-- Three-colour care (三色服务): visits (走访) by grid workers, with place, notes, photos and findings; a finding can
-- request an incident (through an event to the incident module, never its tables).
create table resident_visit (
    id           bigint generated always as identity primary key,
    person_id    bigint        not null references resident_person (id),
    visited_at   timestamptz   not null,
    visitor      varchar(64)   not null,
    lat          double precision check (lat between -90 and 90),
    lng          double precision check (lng between -180 and 180),
    place        varchar(200),
    notes        varchar(4000),
    -- the person's grid at the time of the visit: who may see the visit
    grid_id      bigint        not null references grid_node (id),
    grid_path    varchar(400)  collate "C" not null,
    created_at   timestamptz   not null default now()
);
create index resident_visit_person_idx on resident_visit (person_id, visited_at desc);
create index resident_visit_path_idx on resident_visit (grid_path, visited_at);

create table resident_visit_finding (
    id                   bigint generated always as identity primary key,
    visit_id             bigint        not null references resident_visit (id),
    description          varchar(2000) not null,
    incident_category    varchar(40),
    -- set when an incident was requested: the incident module's report is idempotent on it
    incident_request_key uuid unique
);
create index resident_visit_finding_visit_idx on resident_visit_finding (visit_id);

create table resident_visit_photo (
    id          bigint generated always as identity primary key,
    visit_id    bigint       not null references resident_visit (id),
    blob_key    varchar(200) not null,
    media_type  varchar(40)  not null,
    size_bytes  integer      not null,
    uploaded_by varchar(64)  not null,
    uploaded_at timestamptz  not null default now()
);
create index resident_visit_photo_visit_idx on resident_visit_photo (visit_id);

-- Safety inspections (安全排查): checklists are data; a campaign covers a subtree; a grid worker fills the checklist
-- per dwelling; each failed item is a hazard that may become an incident.
create table resident_checklist (
    code   varchar(40)  primary key check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name   varchar(100) not null,
    -- [{"code": "HOSE_AGE", "text": "…"}, …]
    items  jsonb        not null check (jsonb_typeof(items) = 'array' and jsonb_array_length(items) > 0),
    active boolean      not null default true
);
insert into resident_checklist (code, name, items) values
 ('GAS_SAFETY', '燃气安全入户排查', '[
   {"code": "HOSE_AGE", "text": "燃气软管使用未超过2年、无老化龟裂"},
   {"code": "VALVE", "text": "阀门开关灵活、无漏气"},
   {"code": "DETECTOR", "text": "安装可燃气体报警器且工作正常"},
   {"code": "VENTILATION", "text": "厨房通风良好，无封闭改造"},
   {"code": "NO_CYLINDER", "text": "无违规存放、使用液化气瓶"}]'),
 ('FIRE_SAFETY', '消防安全排查', '[
   {"code": "EXTINGUISHER", "text": "配备灭火器且在有效期内"},
   {"code": "ESCAPE_ROUTE", "text": "疏散通道畅通、无杂物堆放"},
   {"code": "EBIKE_CHARGING", "text": "无电动自行车入户或楼道充电"},
   {"code": "WIRING", "text": "无私拉乱接电线"}]');

create table resident_inspection_campaign (
    id             bigint generated always as identity primary key,
    name           varchar(100) not null,
    checklist_code varchar(40)  not null references resident_checklist (code),
    node_id        bigint       not null references grid_node (id),
    node_path      varchar(400) collate "C" not null,
    starts_on      date         not null,
    ends_on        date         not null,
    created_by     varchar(64)  not null,
    created_at     timestamptz  not null default now(),
    constraint resident_campaign_dates check (ends_on >= starts_on)
);
create index resident_campaign_path_idx on resident_inspection_campaign (node_path);

create table resident_inspection (
    id           bigint generated always as identity primary key,
    campaign_id  bigint       not null references resident_inspection_campaign (id),
    dwelling_id  bigint       not null references resident_dwelling (id),
    grid_id      bigint       not null references grid_node (id),
    grid_path    varchar(400) collate "C" not null,
    inspector    varchar(64)  not null,
    inspected_at timestamptz  not null default now(),
    -- {"HOSE_AGE": {"passed": true, "note": null}, …}
    results      jsonb        not null,
    failed_items integer      not null default 0,
    constraint resident_inspection_uk unique (campaign_id, dwelling_id)
);
create index resident_inspection_campaign_idx on resident_inspection (campaign_id, grid_id);

create table resident_hazard (
    id                   bigint generated always as identity primary key,
    inspection_id        bigint        not null references resident_inspection (id),
    campaign_id          bigint        not null references resident_inspection_campaign (id),
    dwelling_id          bigint        not null references resident_dwelling (id),
    grid_id              bigint        not null references grid_node (id),
    grid_path            varchar(400)  collate "C" not null,
    item_code            varchar(40)   not null,
    description          varchar(2000) not null,
    status               varchar(20)   not null default 'OPEN' check (status in ('OPEN', 'INCIDENT_REQUESTED')),
    incident_request_key uuid unique,
    created_at           timestamptz   not null default now()
);
create index resident_hazard_path_idx on resident_hazard (grid_path, status);
create index resident_hazard_campaign_idx on resident_hazard (campaign_id);
