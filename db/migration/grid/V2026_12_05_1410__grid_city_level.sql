-- An optional CITY level above the districts (成都市 510100): a city is always a root; a district hangs under a city
-- or stays a root (platforms without a city node keep working unchanged); every other level needs a parent. With a
-- city the deepest grid (a micro grid) lies at depth 5, which the depth check already allows.
alter table grid_node drop constraint grid_node_type_check;
alter table grid_node add constraint grid_node_type_check
    check (type in ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GENERAL_GRID', 'MICRO_GRID', 'DEDICATED_GRID'));
alter table grid_node drop constraint grid_node_root_is_district;
alter table grid_node add constraint grid_node_root_type
    check (case type when 'CITY' then parent_id is null when 'DISTRICT' then true else parent_id is not null end);
