-- The PostGIS side of the locate comparison, in the same database: every active node's current boundary as a
-- geometry with the locate priority of its type (DEDICATED_GRID 6 > MICRO_GRID 5 > GENERAL_GRID 4 > COMMUNITY 3 >
-- STREET 2 > DISTRICT 1; ties: the smaller area), a GiST index, fresh statistics.
\timing on
drop table if exists grid_poly;
create table grid_poly as
select b.node_id,
       n.type,
       case n.type when 'DEDICATED_GRID' then 6 when 'MICRO_GRID' then 5 when 'GENERAL_GRID' then 4
                   when 'COMMUNITY' then 3 when 'STREET' then 2 else 1 end as priority,
       ST_GeomFromWKB(b.geometry, 4326)::geometry(Polygon, 4326) as geom
  from grid_boundary b
  join grid_node n on n.id = b.node_id
 where b.valid_to is null and n.status = 'ACTIVE';
alter table grid_poly add primary key (node_id);
create index grid_poly_geom_idx on grid_poly using gist (geom);
vacuum analyze grid_poly;
select count(*) as polygons, pg_size_pretty(pg_total_relation_size('grid_poly')) as size from grid_poly;
