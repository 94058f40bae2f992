-- Incident figures of a street, a district (and so the whole city) without reading every incident of the period:
-- per street and per day of creation (UTC), the sums the figures are made of, kept up to date by a trigger on
-- `incident` in the same transaction as the change. IncidentFigureQuery adds the whole days of a period from here
-- and the hours at its two ends from `incident` itself. Measured with 5 million incidents in
-- benchmarks/incident (docs/BENCHMARKS.md, "Incidents"): a district's figures read every incident of the period
-- before (hundreds of thousands of rows), a few hundred rows of this table after.
--
-- Bucket key: the incident's grid path cut to its first two levels (district/street, '/1/14/'), or the whole path
-- when the grid is a district itself. Every bucket lies entirely inside the subtree of any district or street that
-- covers one of its incidents, so `street_path >= :path and street_path < :upper` selects exactly the subtree.
-- MERGED incidents count nowhere (as in the figures query). Sums of seconds are numeric: exact under +/- updates.

create table incident_figure_day (
    street_path     varchar(400) collate "C" not null,
    day             date          not null,
    received        bigint        not null default 0,
    accepted24      bigint        not null default 0,
    accepted        bigint        not null default 0,
    accept_seconds  numeric       not null default 0,
    resolved        bigint        not null default 0,
    on_time         bigint        not null default 0,
    resolve_seconds numeric       not null default 0,
    rated           bigint        not null default 0,
    rating_sum      bigint        not null default 0,
    reopened        bigint        not null default 0,
    primary key (street_path, day)
);

create function incident_figure_day_key(path varchar) returns varchar
    language sql immutable parallel safe
    as $$ select coalesce(substring(path from '^/[0-9]+/[0-9]+/'), path) $$;

-- adds (sign = 1) or removes (sign = -1) one incident's contribution to its bucket
create function incident_figure_day_add(i incident, sign integer) returns void language plpgsql as $$
begin
    insert into incident_figure_day as d (street_path, day, received, accepted24, accepted, accept_seconds, resolved,
                                          on_time, resolve_seconds, rated, rating_sum, reopened)
    values (incident_figure_day_key(i.grid_path), (i.created_at at time zone 'UTC')::date, sign,
            sign * (i.accepted_at is not null and i.accepted_at <= i.created_at + interval '24 hours')::int,
            sign * (i.accepted_at is not null)::int,
            sign * coalesce(extract(epoch from i.accepted_at - i.created_at), 0),
            sign * (i.resolved_at is not null)::int,
            sign * (i.resolved_at is not null and i.resolved_at <= i.resolve_due_at)::int,
            sign * coalesce(extract(epoch from i.resolved_at - i.created_at), 0),
            sign * (i.rating is not null)::int, sign * coalesce(i.rating, 0), sign * (i.reopen_count > 0)::int)
    on conflict (street_path, day) do update
       set received = d.received + excluded.received, accepted24 = d.accepted24 + excluded.accepted24,
           accepted = d.accepted + excluded.accepted, accept_seconds = d.accept_seconds + excluded.accept_seconds,
           resolved = d.resolved + excluded.resolved, on_time = d.on_time + excluded.on_time,
           resolve_seconds = d.resolve_seconds + excluded.resolve_seconds, rated = d.rated + excluded.rated,
           rating_sum = d.rating_sum + excluded.rating_sum, reopened = d.reopened + excluded.reopened;
end $$;

create function incident_figure_day_apply() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.state <> 'MERGED' then
        perform incident_figure_day_add(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.state <> 'MERGED' then
        perform incident_figure_day_add(new, 1);
    end if;
    return null;
end $$;

create trigger incident_figure_day_insert after insert on incident
    for each row execute function incident_figure_day_apply();
create trigger incident_figure_day_delete after delete on incident
    for each row execute function incident_figure_day_apply();
-- most moves (escalate, whistle, close, notes) change nothing the figures count: no bucket write, no bucket lock
create trigger incident_figure_day_update after update on incident
    for each row
    when ((old.state = 'MERGED', old.grid_path, old.created_at, old.accepted_at, old.resolved_at, old.resolve_due_at,
           old.rating, old.reopen_count > 0)
          is distinct from
          (new.state = 'MERGED', new.grid_path, new.created_at, new.accepted_at, new.resolved_at, new.resolve_due_at,
           new.rating, new.reopen_count > 0))
    execute function incident_figure_day_apply();

insert into incident_figure_day (street_path, day, received, accepted24, accepted, accept_seconds, resolved, on_time,
                                 resolve_seconds, rated, rating_sum, reopened)
select incident_figure_day_key(grid_path), (created_at at time zone 'UTC')::date, count(*),
       count(*) filter (where accepted_at <= created_at + interval '24 hours'), count(accepted_at),
       coalesce(sum(extract(epoch from accepted_at - created_at)), 0), count(resolved_at),
       count(*) filter (where resolved_at <= resolve_due_at),
       coalesce(sum(extract(epoch from resolved_at - created_at)), 0), count(rating), coalesce(sum(rating), 0),
       count(*) filter (where reopen_count > 0)
  from incident
 where state <> 'MERGED'
 group by 1, 2;

-- The hours at the two ends of a period, and every figure below street level, still read `incident`: by creation
-- time within a subtree (a street's or a grid's), and by creation time alone (a district's or the city's ends).
create index incident_path_created_idx on incident (grid_path, created_at);
create index incident_created_idx on incident (created_at);
-- "Overdue now" counts the open incidents of the subtree: only they are in this index.
create index incident_open_path_idx on incident (grid_path) include (state, accept_due_at, resolve_due_at)
    where state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED');
