-- Integrators: outbound webhooks fed by a transactional outbox (docs/INTEGRATION.md).

-- A subscription of an integrator (or an administrator) to event types, optionally narrowed to a grid subtree.
create table webhook_subscription (
    id                   bigint generated always as identity primary key,
    owner                varchar(64)  not null,
    name                 varchar(100) not null,
    url                  varchar(2000) not null,
    -- HMAC-SHA256 signing secret; returned once at creation, never again
    secret               varchar(100) not null,
    event_types          text[]       not null check (cardinality(event_types) > 0),
    subtree_node_id      bigint references grid_node (id),
    subtree_path         varchar(1000) collate "C",
    state                varchar(10)  not null default 'ACTIVE' check (state in ('ACTIVE', 'PAUSED', 'DELETED')),
    consecutive_failures integer      not null default 0,
    -- start of the current run of failed attempts (null while deliveries succeed)
    failing_since        timestamptz,
    paused_reason        varchar(500),
    paused_at            timestamptz,
    created_at           timestamptz  not null default now(),
    check ((subtree_node_id is null) = (subtree_path is null))
);
create index webhook_subscription_owner on webhook_subscription (owner) where state <> 'DELETED';

-- The outbox: one row per event, written in the transaction that made the change.
create table outbox_event (
    id            bigint generated always as identity primary key,
    event_id      uuid         not null unique,
    type          varchar(60)  not null,
    -- what the event is about ("incident:42"): deliveries of one aggregate keep their order
    aggregate_key varchar(100) not null,
    grid_path     varchar(1000) collate "C",
    payload       jsonb        not null,
    occurred_at   timestamptz  not null
);

-- One delivery of one event to one subscription (fanned out in the same transaction as the event).
create table webhook_delivery (
    id              bigint generated always as identity primary key,
    subscription_id bigint       not null references webhook_subscription (id),
    outbox_event_id bigint       not null references outbox_event (id),
    aggregate_key   varchar(100) not null,
    state           varchar(10)  not null default 'PENDING' check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      varchar(500),
    delivered_at    timestamptz,
    created_at      timestamptz  not null default now(),
    unique (subscription_id, outbox_event_id)
);
-- the dispatcher's queue: due pending deliveries, oldest first
create index webhook_delivery_due on webhook_delivery (next_attempt_at, id) where state = 'PENDING';
-- order per aggregate: is an earlier delivery of the same aggregate still pending?
create index webhook_delivery_pending_aggregate on webhook_delivery (subscription_id, aggregate_key, id)
    where state = 'PENDING';
create index webhook_delivery_by_subscription on webhook_delivery (subscription_id, id desc);
