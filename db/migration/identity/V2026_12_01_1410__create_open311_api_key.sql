-- Open311 GeoReport v2 authenticates with an api_key parameter: one per integrator client, stored as its SHA-256
-- (the key is 32 random bytes, so a fast hash is enough and the lookup is one index probe).
create table open311_api_key (
    key_hash   bytea        primary key,
    client_id  varchar(64)  not null references integrator_client (client_id),
    created_by varchar(64)  not null,
    created_at timestamptz  not null default now(),
    revoked_at timestamptz
);
create index open311_api_key_client on open311_api_key (client_id);
