-- Resident imports report every problem in one pass: a row that fails its own checks is staged too, with what of it
-- is valid (its ID number, its dwelling), so the set-based checks — the same ID twice in the file, people already
-- recorded, a dwelling in two grids, a compound in two communities — run over the whole file in the same job. A job
-- with any error still writes nothing, so the staging columns may now hold nulls where a row's value was bad.
alter table resident_import_row
    alter column compound_code drop not null,
    alter column compound_name drop not null,
    alter column community_id drop not null,
    alter column community_path drop not null,
    alter column building_code drop not null,
    alter column building_name drop not null,
    alter column unit drop not null,
    alter column room drop not null,
    alter column grid_id drop not null,
    alter column grid_path drop not null;

-- The three-colour care level (红/黄/绿) and its reason are importable columns.
alter table resident_import_row
    add column care_level  varchar(6) check (care_level in ('RED', 'YELLOW', 'GREEN')),
    add column care_reason varchar(500);
