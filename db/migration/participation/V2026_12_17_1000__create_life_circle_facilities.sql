-- Service facilities of the 15-minute community life circle (15分钟社区生活圈): eight kinds at two levels (the
-- 15-minute circle's and the 5–10-minute circle's), each attached to a grid node (its community) whose path is copied
-- for the data scope, and located in WGS84 decimal degrees. No PostGIS: nearest-facility and coverage questions are a
-- bounding-box prefilter on (lat, lng) — one btree range scan — followed by haversine distances in Java.
create table participation_facility (
    id          bigint generated always as identity primary key,
    grid_id     bigint        not null references grid_node (id),
    grid_path   varchar(400)  collate "C" not null,
    kind        varchar(24)   not null check (kind in ('COMMUNITY_ADMIN', 'LIFELONG_EDUCATION', 'HEALTH_ELDERLY',
                                                       'CULTURE', 'SPORTS', 'COMMERCE', 'TRANSPORT_UTILITIES',
                                                       'GREEN_LEISURE')),
    level       varchar(24)   not null check (level in ('FIFTEEN_MINUTES', 'FIVE_TO_TEN_MINUTES')),
    name        varchar(100)  not null check (length(btrim(name)) > 0),
    address     varchar(200),
    lat         double precision not null check (lat between -90 and 90),
    lng         double precision not null check (lng between -180 and 180),
    created_by  varchar(100)  not null,
    created_at  timestamptz   not null default now(),
    updated_at  timestamptz   not null default now(),
    version     integer       not null default 0,
    -- a re-imported file updates the facility of the same grid, kind and name instead of adding a second one
    constraint participation_facility_uk unique (grid_id, kind, name)
);
create index participation_facility_path_idx on participation_facility (grid_path, kind);
-- the bounding-box prefilter of "nearest" and "coverage": a range on lat, then lng checked in the index
create index participation_facility_location_idx on participation_facility (lat, lng, kind);
