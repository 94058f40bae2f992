-- pgbench script: locate a uniformly random point of the city's bounding box (lng 102.9–104.9, lat 30.1–31.5,
-- 1e-6° steps) in PostGIS: the highest-priority, then smallest, polygon that contains it.
\set x random(0, 2000000)
\set y random(0, 1400000)
\set lng 102.9 + :x / 1000000.0
\set lat 30.1 + :y / 1000000.0
select node_id from grid_poly
 where ST_Contains(geom, ST_SetSRID(ST_MakePoint(:lng, :lat), 4326))
 order by priority desc, ST_Area(geom) limit 1;
