-- Which application instance (one random id per process start) holds an IN_PROGRESS claim. A claim of this very
-- instance that none of its requests is running any more (its release failed while PostgreSQL was down) is taken
-- over by the next retry at once instead of after the 5 minutes allowed to a claim of another, perhaps dead, node.
alter table idempotency_record add column claimed_by varchar(64);
