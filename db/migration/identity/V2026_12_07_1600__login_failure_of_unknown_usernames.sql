-- Failed logins for usernames that have no account are counted and locked like real accounts, so that the lock-out
-- answer (auth.locked) does not tell which usernames exist. Only a SHA-256 of the username is kept; rows whose lock
-- or count has expired are deleted by the application as new failures come in.
create table login_failure (
    username_hash   bytea       primary key,
    failed_attempts integer     not null check (failed_attempts >= 0),
    locked_until    timestamptz,
    last_failed_at  timestamptz not null
);
create index login_failure_last_failed_at_idx on login_failure (last_failed_at);
