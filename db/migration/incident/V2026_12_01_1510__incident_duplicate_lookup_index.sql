-- "Possibly the same" (IncidentRepository.openNear, run for every report): open reports of the same category in a
-- ~100 m box reported in the last 72 h. The existing incident_category_open_idx (category_code, created_at) finds
-- every open report of the category in the whole city over those 72 h and filters the box on the table: with
-- 5 million incidents (benchmarks/incident) that is ~6,000–9,000 rows read per report, 100+ ms cold. By latitude
-- instead, the index range is the box's ~200 m band across the city: a few dozen open reports of the category.
create index incident_category_open_lat_idx on incident (category_code, lat)
    where state not in ('CLOSED', 'REJECTED', 'MERGED');
