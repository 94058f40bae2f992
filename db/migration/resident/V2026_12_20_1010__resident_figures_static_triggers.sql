-- The resident figures' triggers (V2026_12_20_1000) with static SQL instead of EXECUTE format(...): the same sums,
-- but PL/pgSQL now keeps the statements' plans, and each statement first groups the delta by grid path (a million
-- imported rows are ~118,000 micro grids) before expanding it to the ancestors. Measured on a single-row care visit
-- (UPDATE of last_visit_at, 4 clients): 1,580 tps with the dynamic version, 3,950–4,390 with this one, 6,000–7,300
-- with no trigger (docs/BENCHMARKS.md, "Resident figures as maintained rollups").

drop trigger resident_figures_person_insert on resident_person;
drop trigger resident_figures_person_update on resident_person;
drop trigger resident_figures_person_delete on resident_person;
drop trigger resident_figures_dwelling_insert on resident_dwelling;
drop trigger resident_figures_dwelling_update on resident_dwelling;
drop trigger resident_figures_dwelling_delete on resident_dwelling;
drop function resident_figures_person_apply();
drop function resident_figures_dwelling_apply();

create function resident_figures_person_inserted() returns trigger language plpgsql as $$
begin
    with delta as (select grid_path, care_level, coalesce(last_visit_at, care_set_at) as contact, 1 as sign from new_rows),
    by_path as (
        select grid_path, sum(sign) as residents, sum(sign * (care_level is not null)::int) as under_care
          from delta group by grid_path
    ), sums as (
        select n.node_path, resident_figures_shard(n.depth) as shard, sum(b.residents) as residents,
               sum(b.under_care) as under_care
          from by_path b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2
    )
    insert into resident_figures as f (node_path, shard, residents, under_care)
    select node_path, shard, residents, under_care from sums where residents <> 0 or under_care <> 0
     order by node_path, shard
    on conflict (node_path, shard) do update
       set residents = f.residents + excluded.residents, under_care = f.under_care + excluded.under_care;
    with delta as (select grid_path, care_level, coalesce(last_visit_at, care_set_at) as contact, 1 as sign from new_rows),
    by_day as (
        select grid_path, care_level, resident_figures_day(contact) as day, sum(sign) as persons
          from delta where care_level is not null and contact is not null group by 1, 2, 3
    ), sums as (
        select n.node_path, b.care_level, b.day, resident_figures_shard(n.depth) as shard, sum(b.persons) as persons
          from by_day b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2, 3, 4
    )
    insert into resident_figures_care as c (node_path, care_level, day, shard, persons)
    select node_path, care_level, day, shard, persons from sums where persons <> 0
     order by node_path, care_level, day, shard
    on conflict (node_path, care_level, day, shard) do update set persons = c.persons + excluded.persons;
    return null;
end $$;

create function resident_figures_person_updated() returns trigger language plpgsql as $$
begin
    -- an edit that changes no counted column (names, phones, health notes …) changes no sum
    if not exists (select 1 from old_rows o join new_rows n on n.id = o.id where n.grid_path is distinct from o.grid_path
                       or n.care_level is distinct from o.care_level or n.last_visit_at is distinct from o.last_visit_at
                       or n.care_set_at is distinct from o.care_set_at) then
        return null;
    end if;
    with delta as (select grid_path, care_level, coalesce(last_visit_at, care_set_at) as contact, -1 as sign from old_rows
                   union all select grid_path, care_level, coalesce(last_visit_at, care_set_at), 1 from new_rows),
    by_path as (
        select grid_path, sum(sign) as residents, sum(sign * (care_level is not null)::int) as under_care
          from delta group by grid_path
    ), sums as (
        select n.node_path, resident_figures_shard(n.depth) as shard, sum(b.residents) as residents,
               sum(b.under_care) as under_care
          from by_path b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2
    )
    insert into resident_figures as f (node_path, shard, residents, under_care)
    select node_path, shard, residents, under_care from sums where residents <> 0 or under_care <> 0
     order by node_path, shard
    on conflict (node_path, shard) do update
       set residents = f.residents + excluded.residents, under_care = f.under_care + excluded.under_care;
    with delta as (select grid_path, care_level, coalesce(last_visit_at, care_set_at) as contact, -1 as sign from old_rows
                   union all select grid_path, care_level, coalesce(last_visit_at, care_set_at), 1 from new_rows),
    by_day as (
        select grid_path, care_level, resident_figures_day(contact) as day, sum(sign) as persons
          from delta where care_level is not null and contact is not null group by 1, 2, 3
    ), sums as (
        select n.node_path, b.care_level, b.day, resident_figures_shard(n.depth) as shard, sum(b.persons) as persons
          from by_day b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2, 3, 4
    )
    insert into resident_figures_care as c (node_path, care_level, day, shard, persons)
    select node_path, care_level, day, shard, persons from sums where persons <> 0
     order by node_path, care_level, day, shard
    on conflict (node_path, care_level, day, shard) do update set persons = c.persons + excluded.persons;
    return null;
end $$;

create function resident_figures_person_deleted() returns trigger language plpgsql as $$
begin
    with delta as (select grid_path, care_level, coalesce(last_visit_at, care_set_at) as contact, -1 as sign from old_rows),
    by_path as (
        select grid_path, sum(sign) as residents, sum(sign * (care_level is not null)::int) as under_care
          from delta group by grid_path
    ), sums as (
        select n.node_path, resident_figures_shard(n.depth) as shard, sum(b.residents) as residents,
               sum(b.under_care) as under_care
          from by_path b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2
    )
    insert into resident_figures as f (node_path, shard, residents, under_care)
    select node_path, shard, residents, under_care from sums where residents <> 0 or under_care <> 0
     order by node_path, shard
    on conflict (node_path, shard) do update
       set residents = f.residents + excluded.residents, under_care = f.under_care + excluded.under_care;
    with delta as (select grid_path, care_level, coalesce(last_visit_at, care_set_at) as contact, -1 as sign from old_rows),
    by_day as (
        select grid_path, care_level, resident_figures_day(contact) as day, sum(sign) as persons
          from delta where care_level is not null and contact is not null group by 1, 2, 3
    ), sums as (
        select n.node_path, b.care_level, b.day, resident_figures_shard(n.depth) as shard, sum(b.persons) as persons
          from by_day b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2, 3, 4
    )
    insert into resident_figures_care as c (node_path, care_level, day, shard, persons)
    select node_path, care_level, day, shard, persons from sums where persons <> 0
     order by node_path, care_level, day, shard
    on conflict (node_path, care_level, day, shard) do update set persons = c.persons + excluded.persons;
    return null;
end $$;

create function resident_figures_dwelling_inserted() returns trigger language plpgsql as $$
begin
    with delta as (select grid_path, verified_at, 1 as sign from new_rows),
    by_path as (select grid_path, sum(sign) as dwellings from delta group by grid_path),
    sums as (
        select n.node_path, resident_figures_shard(n.depth) as shard, sum(b.dwellings) as dwellings
          from by_path b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2
    )
    insert into resident_figures as f (node_path, shard, dwellings)
    select node_path, shard, dwellings from sums where dwellings <> 0
     order by node_path, shard
    on conflict (node_path, shard) do update set dwellings = f.dwellings + excluded.dwellings;
    with delta as (select grid_path, verified_at, 1 as sign from new_rows),
    by_day as (
        select grid_path, resident_figures_day(verified_at) as day, sum(sign) as dwellings
          from delta where verified_at is not null group by 1, 2
    ), sums as (
        select n.node_path, b.day, resident_figures_shard(n.depth) as shard, sum(b.dwellings) as dwellings
          from by_day b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2, 3
    )
    insert into resident_figures_verified as v (node_path, day, shard, dwellings)
    select node_path, day, shard, dwellings from sums where dwellings <> 0
     order by node_path, day, shard
    on conflict (node_path, day, shard) do update set dwellings = v.dwellings + excluded.dwellings;
    return null;
end $$;

create function resident_figures_dwelling_updated() returns trigger language plpgsql as $$
begin
    -- an edit that changes no counted column (names, phones, health notes …) changes no sum
    if not exists (select 1 from old_rows o join new_rows n on n.id = o.id where n.grid_path is distinct from o.grid_path or n.verified_at is distinct from o.verified_at) then
        return null;
    end if;
    with delta as (select grid_path, verified_at, -1 as sign from old_rows union all select grid_path, verified_at, 1 from new_rows),
    by_path as (select grid_path, sum(sign) as dwellings from delta group by grid_path),
    sums as (
        select n.node_path, resident_figures_shard(n.depth) as shard, sum(b.dwellings) as dwellings
          from by_path b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2
    )
    insert into resident_figures as f (node_path, shard, dwellings)
    select node_path, shard, dwellings from sums where dwellings <> 0
     order by node_path, shard
    on conflict (node_path, shard) do update set dwellings = f.dwellings + excluded.dwellings;
    with delta as (select grid_path, verified_at, -1 as sign from old_rows union all select grid_path, verified_at, 1 from new_rows),
    by_day as (
        select grid_path, resident_figures_day(verified_at) as day, sum(sign) as dwellings
          from delta where verified_at is not null group by 1, 2
    ), sums as (
        select n.node_path, b.day, resident_figures_shard(n.depth) as shard, sum(b.dwellings) as dwellings
          from by_day b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2, 3
    )
    insert into resident_figures_verified as v (node_path, day, shard, dwellings)
    select node_path, day, shard, dwellings from sums where dwellings <> 0
     order by node_path, day, shard
    on conflict (node_path, day, shard) do update set dwellings = v.dwellings + excluded.dwellings;
    return null;
end $$;

create function resident_figures_dwelling_deleted() returns trigger language plpgsql as $$
begin
    with delta as (select grid_path, verified_at, -1 as sign from old_rows),
    by_path as (select grid_path, sum(sign) as dwellings from delta group by grid_path),
    sums as (
        select n.node_path, resident_figures_shard(n.depth) as shard, sum(b.dwellings) as dwellings
          from by_path b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2
    )
    insert into resident_figures as f (node_path, shard, dwellings)
    select node_path, shard, dwellings from sums where dwellings <> 0
     order by node_path, shard
    on conflict (node_path, shard) do update set dwellings = f.dwellings + excluded.dwellings;
    with delta as (select grid_path, verified_at, -1 as sign from old_rows),
    by_day as (
        select grid_path, resident_figures_day(verified_at) as day, sum(sign) as dwellings
          from delta where verified_at is not null group by 1, 2
    ), sums as (
        select n.node_path, b.day, resident_figures_shard(n.depth) as shard, sum(b.dwellings) as dwellings
          from by_day b cross join lateral resident_figures_nodes(b.grid_path, 4) n
         group by 1, 2, 3
    )
    insert into resident_figures_verified as v (node_path, day, shard, dwellings)
    select node_path, day, shard, dwellings from sums where dwellings <> 0
     order by node_path, day, shard
    on conflict (node_path, day, shard) do update set dwellings = v.dwellings + excluded.dwellings;
    return null;
end $$;

create trigger resident_figures_person_insert after insert on resident_person
    referencing new table as new_rows for each statement execute function resident_figures_person_inserted();
create trigger resident_figures_person_update after update on resident_person
    referencing old table as old_rows new table as new_rows for each statement
    execute function resident_figures_person_updated();
create trigger resident_figures_person_delete after delete on resident_person
    referencing old table as old_rows for each statement execute function resident_figures_person_deleted();
create trigger resident_figures_dwelling_insert after insert on resident_dwelling
    referencing new table as new_rows for each statement execute function resident_figures_dwelling_inserted();
create trigger resident_figures_dwelling_update after update on resident_dwelling
    referencing old table as old_rows new table as new_rows for each statement
    execute function resident_figures_dwelling_updated();
create trigger resident_figures_dwelling_delete after delete on resident_dwelling
    referencing old table as old_rows for each statement execute function resident_figures_dwelling_deleted();
