-- Points that cannot be farmed, grants only to the entitled (issue 15).

-- Incident points are decided once per incident when it is CLOSED with the reporter's confirmation, for the holder
-- who resolved it last — never for an incident the resolver reported, never beyond the monthly cap. Every decision
-- is kept, paid or not, so a redelivered event changes nothing and "why no points" has an answer.
create table incident_earning (
    incident_id  bigint      primary key,
    person_id    bigint,
    outcome      varchar(16) not null check (outcome in ('PAID', 'CAPPED', 'ALREADY_PAID', 'SELF_REPORTED',
        'UNCONFIRMED', 'LATE', 'NO_RESOLVER', 'NO_RULE')),
    points       integer     not null default 0 check (points >= 0),
    rule         varchar(300),
    entry_id     bigint references journal_entry (id),
    closed_at    timestamptz not null,
    decided_at   timestamptz not null default now(),
    constraint incident_earning_paid check ((outcome = 'PAID') = (entry_id is not null and points > 0))
);
-- the monthly cap sums one person's decisions in a month
create index incident_earning_person_idx on incident_earning (person_id, closed_at) where person_id is not null;

-- The satisfaction ranking credits the grid worker(s) serving the grid where the incident happened: one row per
-- worker and rating.
alter table worker_rating drop constraint worker_rating_once;
alter table worker_rating add constraint worker_rating_once unique (incident_id, rated_at, person_id);

-- A resident's record (resident-service's id) can hold points: a welfare-pool grant to someone without the app.
alter table ledger_account drop constraint ledger_account_kind_check;
alter table ledger_account add constraint ledger_account_kind_check
    check (kind in ('PERSON', 'POOL', 'MERCHANT', 'SYSTEM', 'RESIDENT'));
alter table ledger_account drop constraint ledger_account_never_negative;
alter table ledger_account add constraint ledger_account_never_negative
    check (kind not in ('PERSON', 'POOL', 'RESIDENT') or (balance >= 0 and balance - held >= 0));

-- A grant goes to an account (beneficiary_id, an identity account that is a person in the pool's community) or to a
-- resident's record (resident_id), exactly one of them.
alter table pool_grant alter column beneficiary_id drop not null;
alter table pool_grant add column resident_id bigint;
alter table pool_grant add constraint pool_grant_one_beneficiary
    check ((beneficiary_id is null) <> (resident_id is null));

-- A grant to a resident's record becomes a voucher: its points are held on the record's account under a code the
-- community hands over (printed, for someone without the app). A partner verifies it (核销: the points move to the
-- partner) or the resident claims it into their own app account — once either way.
create table grant_voucher (
    id              bigint generated always as identity primary key,
    grant_id        bigint       not null unique references pool_grant (id),
    code            varchar(12)  not null unique,
    resident_id     bigint       not null,
    community_id    bigint       not null references grid_node (id),
    community_path  varchar(400) collate "C" not null,
    account_id      bigint       not null references ledger_account (id),
    hold_id         bigint       not null unique references points_hold (id),
    amount          integer      not null check (amount > 0),
    state           varchar(10)  not null default 'ISSUED' check (state in ('ISSUED', 'REDEEMED', 'CLAIMED')),
    issued_at       timestamptz  not null default now(),
    settled_at      timestamptz,
    settled_by      varchar(64),
    partner_id      bigint references points_partner (id),
    claimed_by      bigint,
    constraint grant_voucher_settled check ((state = 'ISSUED') = (settled_at is null))
);
create index grant_voucher_community_idx on grant_voucher (community_path, state);
