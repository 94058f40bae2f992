-- The write of a resident import (job id 1) under EXPLAIN ANALYZE: shows each statement's foreign-key trigger time.
-- Run 2-reset.sql before each replay. A copy of ResidentImportRunner.write() as of 13d3cba (the same statements are
-- ImportWrites.write() since the runner was split) with the job id inlined: replay what you measure, so bring it up
-- to date when the write's statements change.
\timing on
begin;
explain (analyze, buffers) insert into resident_compound (code, name, community_id, community_path)
select distinct on (compound_code) compound_code, compound_name, community_id, community_path
  from resident_import_row where job_id = 1 order by compound_code, line
on conflict (code) do nothing;
explain (analyze, buffers) insert into resident_building (compound_id, code, name)
select distinct on (c.id, s.building_code) c.id, s.building_code, s.building_name
  from resident_import_row s join resident_compound c on c.code = s.compound_code
 where s.job_id = 1 order by c.id, s.building_code, s.line
on conflict (compound_id, code) do nothing;
explain (analyze, buffers) insert into resident_dwelling (building_id, unit, room, grid_id, grid_path)
select distinct on (b.id, s.unit, s.room) b.id, s.unit, s.room, s.grid_id, s.grid_path
  from resident_import_row s
  join resident_compound c on c.code = s.compound_code
  join resident_building b on b.compound_id = c.id and b.code = s.building_code
 where s.job_id = 1 order by b.id, s.unit, s.room, s.line
on conflict (building_id, unit, room) do nothing;
explain (analyze, buffers) insert into resident_person (name, gender, birth_date, id_type, id_number_enc, id_number_hmac,
    id_number_masked, phone_enc, phone_hmac, phone_masked, ethnicity, population_type, party_member,
    volunteer, grid_id, grid_path)
select name, gender, birth_date, id_type, id_number_enc, id_number_hmac, id_number_masked, phone_enc,
       phone_hmac, phone_masked, ethnicity, population_type, party_member, volunteer, grid_id, grid_path
  from resident_import_row where job_id = 1 and name is not null;
explain (analyze, buffers) insert into resident_residence (person_id, dwelling_id, kind, relation_to_head, moved_in)
select p.id, d.id, k.kind, s.relation, coalesce(s.moved_in, current_date)
  from resident_import_row s
  join resident_person p on p.id_type = s.id_type and p.id_number_hmac = s.id_number_hmac
  join resident_compound c on c.code = s.compound_code
  join resident_building b on b.compound_id = c.id and b.code = s.building_code
  join resident_dwelling d on d.building_id = b.id and d.unit = s.unit and d.room = s.room
  cross join lateral (select 'LIVING' as kind union all
                      select 'REGISTERED' where s.population_type = 'REGISTERED') k
 where s.job_id = 1 and s.name is not null;
explain (analyze, buffers) insert into resident_person_tag (person_id, tag_code)
select distinct p.id, t.code
  from resident_import_row s
  join resident_person p on p.id_type = s.id_type and p.id_number_hmac = s.id_number_hmac
  cross join lateral unnest(string_to_array(s.tags, ';')) as t(code)
 where s.job_id = 1 and s.tags is not null
on conflict do nothing;
commit;
