-- Who resolved an incident (办结), so the reporter's rating can be credited to that worker's satisfaction ranking
-- (points module, through the IncidentRated event). Null for incidents resolved before this column existed, by the
-- system or by an integrator.
alter table incident
    add column resolved_by_account_id bigint,
    add column resolved_by            varchar(64);
