-- The resident figures read the day each time cut falls in live (V2026_12_20_1000): one day of the city's
-- verifications, one day of its care contacts per care level, filtered to the node's path range. At 20 million
-- residents that was 20 ms for the CITY root and for a district alike — most of it fetching each row from the table
-- only to read its grid_path. The same partial indexes, now carrying grid_path, answer it from the index alone.

drop index resident_dwelling_verified_at_idx;
create index resident_dwelling_verified_at_idx on resident_dwelling (verified_at) include (grid_path)
    where verified_at is not null;

drop index resident_person_care_contact_idx;
create index resident_person_care_contact_idx on resident_person (care_level, (coalesce(last_visit_at, care_set_at)))
    include (grid_path) where care_level is not null;
