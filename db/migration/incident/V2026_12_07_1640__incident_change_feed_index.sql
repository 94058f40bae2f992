-- The change feed (GET /api/v1/incidents?updatedSince=…&cursor=…) reads in (updated_at, id) order from a position:
-- this index answers its range scan and order without a sort, however many incidents share an updated_at.
create index incident_updated_at_id_idx on incident (updated_at, id);
