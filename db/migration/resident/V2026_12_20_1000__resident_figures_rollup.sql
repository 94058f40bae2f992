-- Resident figures as maintained rollups (issue 18): the "residents" figures of a grid (dwellings, verified in the
-- last 6 months, residents, under care, visits overdue) for the CITY root, a district, a street or a community from a
-- handful of index reads, whatever the size of the subtree (20 million people in the city). Until now every figures
-- request counted the subtree's rows of resident_person and resident_dwelling: a district is about a million rows,
-- the CITY node all of them.
--
--   resident_figures           per node of depth <= 4: dwellings, residents, residents under care;
--   resident_figures_verified  per node of depth <= 4 and day of verified_at (Asia/Shanghai): verified dwellings;
--   resident_figures_care      per node of depth <= 4, care level and day of the last visit (else of the care
--                              level's setting): residents under care, for "visits overdue".
--
-- Both time figures keep their exact meaning (an instant, not a day): the whole days on the right side of the cut
-- come from these rows, the persons and dwellings of the day the cut falls in are read live through the two partial
-- indexes below (one day of the city's verifications or of its care visits, filtered to the subtree). Depth counts
-- the ids of the node's path ('/510100/' is 1); nodes below a community read their few rows live, as before.
--
-- Kept by statement-level AFTER triggers with transition tables, in the transaction of the change: consistency
-- bound 0. One statement of an import (thousands of rows) updates each touched rollup row once. A grid moved to another
-- parent rewrites grid_path (GridPathCopies); the update trigger takes the rows' sums off the old ancestors and adds
-- them to the new ones. Rows of nodes of depth <= 2 are split into 8 shards (pg_backend_pid() % 8, as the incident
-- rollup), so concurrent writers of one city rarely wait on one row; rows are upserted in key order. A shard's sums
-- may be negative: only their total means anything.

create table resident_figures (
    node_path  varchar(400) collate "C" not null,
    shard      smallint not null,
    dwellings  bigint   not null default 0,
    residents  bigint   not null default 0,
    under_care bigint   not null default 0,
    primary key (node_path, shard)
);

create table resident_figures_verified (
    node_path varchar(400) collate "C" not null,
    day       date     not null,
    shard     smallint not null,
    dwellings bigint   not null default 0,
    primary key (node_path, day, shard)
);

create table resident_figures_care (
    node_path  varchar(400) collate "C" not null,
    care_level varchar(6) not null,
    day        date     not null,
    shard      smallint not null,
    persons    bigint   not null default 0,
    primary key (node_path, care_level, day, shard)
);

-- the day the cut falls in is read live: these find one day's verifications / care contacts of the whole city
create index resident_dwelling_verified_at_idx on resident_dwelling (verified_at) where verified_at is not null;
create index resident_person_care_contact_idx on resident_person (care_level, (coalesce(last_visit_at, care_set_at)))
    where care_level is not null;

-- The path itself and its ancestors up to max_depth ids: '/1/14/200/7/' → '/1/', '/1/14/', '/1/14/200/' (max 3).
create function resident_figures_nodes(path varchar, max_depth integer)
    returns table (node_path varchar, depth integer)
    language sql immutable parallel safe
    as $$ select '/' || array_to_string(ids[1:k], '/') || '/', k
            from (select string_to_array(btrim(path, '/'), '/') as ids) p,
                 generate_series(1, least(max_depth, cardinality(p.ids))) k $$;

create function resident_figures_shard(depth integer) returns smallint language sql volatile
    as $$ select case when depth <= 2 then (pg_backend_pid() % 8)::smallint else 0::smallint end $$;

create function resident_figures_day(t timestamptz) returns date language sql immutable parallel safe
    as $$ select (t at time zone 'Asia/Shanghai')::date $$;

-- One trigger function per table, for its insert, update and delete triggers: the transition tables give the rows
-- arriving (+1) and leaving (-1) as one delta; each rollup row touched gets its summed delta once, in key order.
create function resident_figures_person_apply() returns trigger language plpgsql as $$
declare
    cols constant text := 'grid_path, care_level, coalesce(last_visit_at, care_set_at) as contact';
    delta text;
begin
    if tg_op = 'INSERT' then
        delta := format('select %s, 1 as sign from new_rows', cols);
    elsif tg_op = 'DELETE' then
        delta := format('select %s, -1 as sign from old_rows', cols);
    else
        -- an edit of names, phones or health notes changes no sum: nothing to do
        if not exists (select 1 from old_rows o join new_rows n on n.id = o.id
                        where n.grid_path is distinct from o.grid_path or n.care_level is distinct from o.care_level
                           or n.last_visit_at is distinct from o.last_visit_at
                           or n.care_set_at is distinct from o.care_set_at) then
            return null;
        end if;
        delta := format('select %s, -1 as sign from old_rows union all select %s, 1 from new_rows', cols, cols);
    end if;
    execute format($sql$
        with delta as (%s), sums as (
            select n.node_path, resident_figures_shard(n.depth) as shard, sum(d.sign) as residents,
                   sum(d.sign * (d.care_level is not null)::int) as under_care
              from delta d cross join lateral resident_figures_nodes(d.grid_path, 4) n
             group by 1, 2
        )
        insert into resident_figures as f (node_path, shard, residents, under_care)
        select node_path, shard, residents, under_care from sums
         where residents <> 0 or under_care <> 0
         order by node_path, shard
        on conflict (node_path, shard) do update
           set residents = f.residents + excluded.residents, under_care = f.under_care + excluded.under_care
        $sql$, delta);
    execute format($sql$
        with delta as (%s), sums as (
            select n.node_path, d.care_level, resident_figures_day(d.contact) as day,
                   resident_figures_shard(n.depth) as shard, sum(d.sign) as persons
              from delta d cross join lateral resident_figures_nodes(d.grid_path, 4) n
             where d.care_level is not null and d.contact is not null
             group by 1, 2, 3, 4
        )
        insert into resident_figures_care as c (node_path, care_level, day, shard, persons)
        select node_path, care_level, day, shard, persons from sums where persons <> 0
         order by node_path, care_level, day, shard
        on conflict (node_path, care_level, day, shard) do update set persons = c.persons + excluded.persons
        $sql$, delta);
    return null;
end $$;

create function resident_figures_dwelling_apply() returns trigger language plpgsql as $$
declare
    delta text;
begin
    if tg_op = 'INSERT' then
        delta := 'select grid_path, verified_at, 1 as sign from new_rows';
    elsif tg_op = 'DELETE' then
        delta := 'select grid_path, verified_at, -1 as sign from old_rows';
    else
        if not exists (select 1 from old_rows o join new_rows n on n.id = o.id
                        where n.grid_path is distinct from o.grid_path
                           or n.verified_at is distinct from o.verified_at) then
            return null;
        end if;
        delta := 'select grid_path, verified_at, -1 as sign from old_rows '
              || 'union all select grid_path, verified_at, 1 from new_rows';
    end if;
    execute format($sql$
        with delta as (%s), sums as (
            select n.node_path, resident_figures_shard(n.depth) as shard, sum(d.sign) as dwellings
              from delta d cross join lateral resident_figures_nodes(d.grid_path, 4) n
             group by 1, 2
        )
        insert into resident_figures as f (node_path, shard, dwellings)
        select node_path, shard, dwellings from sums where dwellings <> 0
         order by node_path, shard
        on conflict (node_path, shard) do update set dwellings = f.dwellings + excluded.dwellings
        $sql$, delta);
    execute format($sql$
        with delta as (%s), sums as (
            select n.node_path, resident_figures_day(d.verified_at) as day, resident_figures_shard(n.depth) as shard,
                   sum(d.sign) as dwellings
              from delta d cross join lateral resident_figures_nodes(d.grid_path, 4) n
             where d.verified_at is not null
             group by 1, 2, 3
        )
        insert into resident_figures_verified as v (node_path, day, shard, dwellings)
        select node_path, day, shard, dwellings from sums where dwellings <> 0
         order by node_path, day, shard
        on conflict (node_path, day, shard) do update set dwellings = v.dwellings + excluded.dwellings
        $sql$, delta);
    return null;
end $$;

create trigger resident_figures_person_insert after insert on resident_person
    referencing new table as new_rows for each statement execute function resident_figures_person_apply();
create trigger resident_figures_person_update after update on resident_person
    referencing old table as old_rows new table as new_rows for each statement
    execute function resident_figures_person_apply();
create trigger resident_figures_person_delete after delete on resident_person
    referencing old table as old_rows for each statement execute function resident_figures_person_apply();
create trigger resident_figures_dwelling_insert after insert on resident_dwelling
    referencing new table as new_rows for each statement execute function resident_figures_dwelling_apply();
create trigger resident_figures_dwelling_update after update on resident_dwelling
    referencing old table as old_rows new table as new_rows for each statement
    execute function resident_figures_dwelling_apply();
create trigger resident_figures_dwelling_delete after delete on resident_dwelling
    referencing old table as old_rows for each statement execute function resident_figures_dwelling_apply();

-- what is there already (shard 0; one pass over each table, grouped in the database)
insert into resident_figures (node_path, shard, residents, under_care)
select n.node_path, 0, count(*), count(*) filter (where p.care_level is not null)
  from resident_person p cross join lateral resident_figures_nodes(p.grid_path, 4) n
 group by n.node_path;
insert into resident_figures as f (node_path, shard, dwellings)
select n.node_path, 0, count(*)
  from resident_dwelling d cross join lateral resident_figures_nodes(d.grid_path, 4) n
 group by n.node_path
on conflict (node_path, shard) do update set dwellings = excluded.dwellings;
insert into resident_figures_care (node_path, care_level, day, shard, persons)
select n.node_path, p.care_level, resident_figures_day(coalesce(p.last_visit_at, p.care_set_at)), 0, count(*)
  from resident_person p cross join lateral resident_figures_nodes(p.grid_path, 4) n
 where p.care_level is not null and coalesce(p.last_visit_at, p.care_set_at) is not null
 group by 1, 2, 3;
insert into resident_figures_verified (node_path, day, shard, dwellings)
select n.node_path, resident_figures_day(d.verified_at), 0, count(*)
  from resident_dwelling d cross join lateral resident_figures_nodes(d.grid_path, 4) n
 where d.verified_at is not null
 group by 1, 2;
