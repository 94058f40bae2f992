-- Every deadline acts (issue 15): per category, how long until the acceptance, resolution and check-in deadlines, and
-- what happens when one passes — ESCALATE (up one level; for a check-in: the street and the level above are told) or
-- REMIND (the one who owes the action, and for resolution the level above, are told once per deadline). Without a row
-- a category keeps its response/resolution hours (acceptance escalates, resolution reminds) and check-ins the
-- configured hours (remind). Calendar time; seconds allowed so that tests and drills can run on minutes.
create table incident_deadline_rule (
    category_code varchar(40) not null references incident_category (code),
    deadline      varchar(10) not null check (deadline in ('ACCEPT', 'RESOLVE', 'CHECK_IN')),
    after_seconds integer     not null check (after_seconds > 0),
    action        varchar(10) not null check (action in ('ESCALATE', 'REMIND')),
    updated_at    timestamptz not null default now(),
    primary key (category_code, deadline)
);

alter table incident_summons add column overdue_acted_at timestamptz;
create index incident_summons_due_idx on incident_summons (check_in_due_at)
    where checked_in_at is null and overdue_acted_at is null;
-- the resolution job reads incidents being handled past their deadline, not yet acted on
create index incident_resolve_due_idx on incident (resolve_due_at)
    where state in ('ACCEPTED', 'IN_PROGRESS', 'WHISTLED');
