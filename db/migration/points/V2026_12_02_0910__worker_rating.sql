-- Residents' ratings of resolved incidents, credited to the worker who resolved them: the source of the monthly
-- "居民满意网格员" ranking. Filled from the IncidentRated event (at least once: the unique key makes a redelivery a
-- no-op). grid_path is where the incident happened, so a community's ranking counts the work done in it.
create table worker_rating (
    id          bigint generated always as identity primary key,
    incident_id bigint       not null,
    rated_at    timestamptz  not null,
    stars       smallint     not null check (stars between 1 and 5),
    person_id   bigint       not null,
    person_name varchar(64)  not null,
    grid_path   varchar(400) collate "C" not null,
    constraint worker_rating_once unique (incident_id, rated_at)
);
create index worker_rating_path_idx on worker_rating (grid_path, rated_at);
