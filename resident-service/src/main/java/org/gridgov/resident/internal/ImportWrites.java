package org.gridgov.resident.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * WRITING, the last phase of a resident import, only for a job without a single error: {@code insert … select} from
 * the staging rows for compounds, buildings, dwellings, residents, residences and tags, in this order, each statement
 * timed in the log (docs/BENCHMARKS.md measures them).
 */
@Component
class ImportWrites {

    private static final Logger log = LoggerFactory.getLogger(ImportWrites.class);

    private final JdbcTemplate jdbc;

    ImportWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What an import created. */
    record Created(int compounds, int buildings, int dwellings, int residents) {
    }

    /** Writes the job's staging rows; the caller's transaction makes it all or nothing. */
    Created write(long jobId) {
        int compounds = timed(jobId, "compounds", """
                insert into resident_compound (code, name, community_id, community_path)
                select distinct on (compound_code) compound_code, compound_name, community_id, community_path
                  from resident_import_row where job_id = ? order by compound_code, line
                on conflict (code) do nothing""");
        int buildings = timed(jobId, "buildings", """
                insert into resident_building (compound_id, code, name)
                select distinct on (c.id, s.building_code) c.id, s.building_code, s.building_name
                  from resident_import_row s join resident_compound c on c.code = s.compound_code
                 where s.job_id = ? order by c.id, s.building_code, s.line
                on conflict (compound_id, code) do nothing""");
        int dwellings = timed(jobId, "dwellings", """
                insert into resident_dwelling (building_id, unit, room, grid_id, grid_path)
                select distinct on (b.id, s.unit, s.room) b.id, s.unit, s.room, s.grid_id, s.grid_path
                  from resident_import_row s
                  join resident_compound c on c.code = s.compound_code
                  join resident_building b on b.compound_id = c.id and b.code = s.building_code
                 where s.job_id = ? order by b.id, s.unit, s.room, s.line
                on conflict (building_id, unit, room) do nothing""");
        int residents = timed(jobId, "residents", """
                insert into resident_person (name, gender, birth_date, id_type, id_number_enc, id_number_hmac,
                    id_number_masked, phone_enc, phone_hmac, phone_masked, ethnicity, population_type, party_member,
                    volunteer, grid_id, grid_path, care_level, care_reason, care_set_by, care_set_at)
                select s.name, s.gender, s.birth_date, s.id_type, s.id_number_enc, s.id_number_hmac,
                       s.id_number_masked, s.phone_enc, s.phone_hmac, s.phone_masked, s.ethnicity, s.population_type,
                       s.party_member, s.volunteer, s.grid_id, s.grid_path, s.care_level, s.care_reason,
                       case when s.care_level is not null then left(j.submitted_by, 64) end,
                       case when s.care_level is not null then now() end
                  from resident_import_row s join resident_import_job j on j.id = s.job_id
                 where s.job_id = ? and s.name is not null""");
        if (residents > 0) {
            timed(jobId, "residences", """
                    insert into resident_residence (person_id, dwelling_id, kind, relation_to_head, moved_in)
                    select p.id, d.id, k.kind, s.relation, coalesce(s.moved_in, current_date)
                      from resident_import_row s
                      join resident_person p on p.id_type = s.id_type and p.id_number_hmac = s.id_number_hmac
                      join resident_compound c on c.code = s.compound_code
                      join resident_building b on b.compound_id = c.id and b.code = s.building_code
                      join resident_dwelling d on d.building_id = b.id and d.unit = s.unit and d.room = s.room
                      cross join lateral (select 'LIVING' as kind union all
                                          select 'REGISTERED' where s.population_type = 'REGISTERED') k
                     where s.job_id = ? and s.name is not null""");
            timed(jobId, "tags", """
                    insert into resident_person_tag (person_id, tag_code)
                    select distinct p.id, t.code
                      from resident_import_row s
                      join resident_person p on p.id_type = s.id_type and p.id_number_hmac = s.id_number_hmac
                      cross join lateral unnest(string_to_array(s.tags, ';')) as t(code)
                     where s.job_id = ? and s.tags is not null
                    on conflict do nothing""");
        }
        return new Created(compounds, buildings, dwellings, residents);
    }

    /** One set-based statement of the write, its duration logged: where a big import spends its time. */
    private int timed(long jobId, String what, String sql) {
        long start = System.nanoTime();
        int rows = jdbc.update(sql, jobId);
        log.info("Resident import {}: {} rows into {} in {} ms", jobId, rows, what, (System.nanoTime() - start) / 1_000_000);
        return rows;
    }
}
