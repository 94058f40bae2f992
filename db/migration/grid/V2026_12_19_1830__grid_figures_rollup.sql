-- Grid figures as maintained rollups (issue 18): the four core figures of every node (active nodes per type, staff on
-- duty per role, grids without a primary worker, grids without a boundary) kept per node as sums over its subtree, so
-- the figures of any node — the CITY root included — are one primary-key read instead of four range scans over up to
-- 147k nodes. See GridFiguresRollup and docs/SCALING.md for how it is kept and how fresh it is.

-- Per node: the sums over its subtree, the node itself INCLUDED (the service leaves the node out of its own counts by
-- type). Derived data, rebuilt at will, hence no foreign key: deleting a node must not have to touch it.
create table grid_figures_rollup (
    node_id                     bigint primary key,
    nodes_city                  integer not null,
    nodes_district              integer not null,
    nodes_street                integer not null,
    nodes_community             integer not null,
    nodes_general_grid          integer not null,
    nodes_micro_grid            integer not null,
    nodes_dedicated_grid        integer not null,
    staff_micro_grid_worker     integer not null,
    staff_general_grid_worker   integer not null,
    staff_dedicated_grid_worker integer not null,
    staff_building_head         integer not null,
    staff_community_worker      integer not null,
    staff_street_officer        integer not null,
    without_primary_worker      integer not null,
    without_boundary            integer not null
);

-- The day the rows' "on duty" counts refer to (staff on duty depends on the date): null means never built or
-- invalidated (a bulk import, a TRUNCATE); the figures are then computed live until the job has rebuilt them.
create table grid_figures_state (
    id         smallint primary key default 1 check (id = 1),
    on_day     date,
    rebuilt_at timestamptz
);
insert into grid_figures_state (id) values (1);

-- Dirty marks: the materialized path of every node whose own contribution changed (for a move, its new path and its
-- old parent's). A row of the rollup is exact when no mark lies in its subtree's path range; the refresh job consumes marks
-- and recomputes the marked nodes and their ancestors. Append-only from the writers' side: no counter row is updated
-- by a write, so writers never contend on the ancestors' rows (what made an earlier per-row rollup trigger slow).
create table grid_figures_dirty (
    path      varchar(400) collate "C" not null,
    marked_at timestamptz not null default now()
);
create index grid_figures_dirty_path_idx on grid_figures_dirty (path);

-- Marks come from row triggers, whoever writes (services, imports, SQL by hand). A bulk writer may switch them off for
-- its transaction (set_config('gridgov.grid_figures_marks', 'off', true)) and mark or invalidate in one statement
-- itself: the WHEN clause is evaluated before any PL/pgSQL is called (and no event is queued when it is false), so a
-- switched-off trigger costs next to nothing.
create function grid_figures_mark_node() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        insert into grid_figures_dirty (path) values (old.path);
        return null;
    end if;
    insert into grid_figures_dirty (path) values (new.path);
    if tg_op = 'UPDATE' and new.path is distinct from old.path then
        -- a move: the old parent's path (every old ancestor), not the node's old path — marks inside the moved subtree
        -- move with it (grid_figures_dirty.path is a path copy SubtreeMover rebases), so they stay in the range of the
        -- subtree's new ancestors, and this one must stay behind with the old ones
        insert into grid_figures_dirty (path) values (regexp_replace(old.path, '[0-9]+/$', ''));
    end if;
    return null;
end
$$;

-- grid_staff and grid_boundary rows: the path of the node they belong to
create function grid_figures_mark_owner() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        insert into grid_figures_dirty (path) select n.path from grid_node n where n.id = old.node_id;
    end if;
    if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.node_id is distinct from old.node_id) then
        insert into grid_figures_dirty (path) select n.path from grid_node n where n.id = new.node_id;
    end if;
    return null;
end
$$;

-- TRUNCATE: forget the day, so the figures are computed live until the next rebuild
create function grid_figures_invalidate() returns trigger language plpgsql as $$
begin
    update grid_figures_state set on_day = null;
    return null;
end
$$;

create trigger grid_node_figures_insert after insert on grid_node for each row
    when (current_setting('gridgov.grid_figures_marks', true) is distinct from 'off')
    execute function grid_figures_mark_node();
-- only what a figure depends on: status, type, place in the tree (the descendants of a moved node keep their parent,
-- and the moved node's own old and new paths cover every ancestor that changes)
create trigger grid_node_figures_update after update on grid_node for each row
    when ((old.status, old.type, old.parent_id) is distinct from (new.status, new.type, new.parent_id)
          and current_setting('gridgov.grid_figures_marks', true) is distinct from 'off')
    execute function grid_figures_mark_node();
create trigger grid_node_figures_delete after delete on grid_node for each row
    when (current_setting('gridgov.grid_figures_marks', true) is distinct from 'off')
    execute function grid_figures_mark_node();
create trigger grid_node_figures_truncate after truncate on grid_node
    for each statement execute function grid_figures_invalidate();

create trigger grid_staff_figures_insert after insert on grid_staff for each row
    when (current_setting('gridgov.grid_figures_marks', true) is distinct from 'off')
    execute function grid_figures_mark_owner();
create trigger grid_staff_figures_update after update on grid_staff for each row
    when ((old.node_id, old.role, old.primary_worker, old.assigned_from, old.assigned_to)
              is distinct from (new.node_id, new.role, new.primary_worker, new.assigned_from, new.assigned_to)
          and current_setting('gridgov.grid_figures_marks', true) is distinct from 'off')
    execute function grid_figures_mark_owner();
create trigger grid_staff_figures_delete after delete on grid_staff for each row
    when (current_setting('gridgov.grid_figures_marks', true) is distinct from 'off')
    execute function grid_figures_mark_owner();
create trigger grid_staff_figures_truncate after truncate on grid_staff
    for each statement execute function grid_figures_invalidate();

create trigger grid_boundary_figures_insert after insert on grid_boundary for each row
    when (new.valid_to is null and current_setting('gridgov.grid_figures_marks', true) is distinct from 'off')
    execute function grid_figures_mark_owner();
create trigger grid_boundary_figures_update after update on grid_boundary for each row
    when ((old.node_id, old.valid_to is null) is distinct from (new.node_id, new.valid_to is null)
          and current_setting('gridgov.grid_figures_marks', true) is distinct from 'off')
    execute function grid_figures_mark_owner();
create trigger grid_boundary_figures_delete after delete on grid_boundary for each row
    when (old.valid_to is null and current_setting('gridgov.grid_figures_marks', true) is distinct from 'off')
    execute function grid_figures_mark_owner();
create trigger grid_boundary_figures_truncate after truncate on grid_boundary
    for each statement execute function grid_figures_invalidate();
