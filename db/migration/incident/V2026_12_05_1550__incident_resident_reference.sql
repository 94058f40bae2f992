-- An incident raised from a visit's finding or an inspection's hazard refers to the resident and the dwelling by id,
-- never by name or address in its description: integrators and summoned departments read incidents, residents' data
-- is never theirs. Only staff entitled to the resident open the reference (resident-service checks scope and role
-- and audits each opening). One reference per incident; the ids point into resident-service's tables, which this
-- module does not read (no foreign keys across modules).
create table incident_resident_reference (
    incident_id  bigint      primary key references incident (id),
    origin       varchar(30) not null,
    resident_id  bigint,
    dwelling_id  bigint,
    created_at   timestamptz not null default now(),
    constraint incident_resident_reference_some check (resident_id is not null or dwelling_id is not null)
);
