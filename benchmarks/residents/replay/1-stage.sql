-- From a database an import has filled (KEEP_DB=1): rebuilds the staging rows of that import into exp_rows.
\timing on
drop table if exists exp_rows;
create unlogged table exp_rows as
select 1::bigint as job_id, (row_number() over (order by p.id))::int as line,
  c.code compound_code, c.name compound_name, c.community_id, c.community_path,
  b.code building_code, b.name building_name, d.unit, d.room, d.grid_id, d.grid_path,
  p.name, p.gender, p.birth_date, p.id_type, p.id_number_enc, p.id_number_hmac, p.id_number_masked,
  p.phone_enc, p.phone_hmac, p.phone_masked, p.ethnicity, p.population_type, r.relation_to_head relation, r.moved_in,
  p.party_member, p.volunteer,
  (select string_agg(tag_code, ';') from resident_person_tag t where t.person_id = p.id) tags
from resident_person p join resident_residence r on r.person_id = p.id and r.kind = 'LIVING'
join resident_dwelling d on d.id = r.dwelling_id join resident_building b on b.id = d.building_id
join resident_compound c on c.id = b.compound_id;
select count(*) from exp_rows;
