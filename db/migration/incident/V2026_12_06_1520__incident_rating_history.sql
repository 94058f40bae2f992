-- Every rating is kept (a reopened incident rated again keeps its earlier ratings); the satisfaction figure averages
-- all of them. incident.rating stays the latest.
create table incident_rating (
    id          bigint generated always as identity primary key,
    incident_id bigint       not null references incident (id),
    stars       smallint     not null check (stars between 1 and 5),
    comment     varchar(500),
    rated_at    timestamptz  not null
);
create index incident_rating_incident_idx on incident_rating (incident_id, id);
insert into incident_rating (incident_id, stars, comment, rated_at)
select id, rating, rating_comment, updated_at from incident where rating is not null;

alter table incident
    add column rating_count smallint not null default 0,
    add column rating_total integer  not null default 0;
update incident set rating_count = 1, rating_total = rating where rating is not null;

create or replace function incident_figure_day_add(i incident, sign integer) returns void language plpgsql as $$
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
            sign * i.rating_count, sign * i.rating_total, sign * (i.reopen_count > 0)::int)
    on conflict (street_path, day) do update
       set received = d.received + excluded.received, accepted24 = d.accepted24 + excluded.accepted24,
           accepted = d.accepted + excluded.accepted, accept_seconds = d.accept_seconds + excluded.accept_seconds,
           resolved = d.resolved + excluded.resolved, on_time = d.on_time + excluded.on_time,
           resolve_seconds = d.resolve_seconds + excluded.resolve_seconds, rated = d.rated + excluded.rated,
           rating_sum = d.rating_sum + excluded.rating_sum, reopened = d.reopened + excluded.reopened;
end $$;

drop trigger incident_figure_day_update on incident;
create trigger incident_figure_day_update after update on incident
    for each row
    when ((old.state = 'MERGED', old.grid_path, old.created_at, old.accepted_at, old.resolved_at, old.resolve_due_at,
           old.rating_count, old.rating_total, old.reopen_count > 0)
          is distinct from
          (new.state = 'MERGED', new.grid_path, new.created_at, new.accepted_at, new.resolved_at, new.resolve_due_at,
           new.rating_count, new.rating_total, new.reopen_count > 0))
    execute function incident_figure_day_apply();
