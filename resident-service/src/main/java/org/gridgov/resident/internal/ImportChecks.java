package org.gridgov.resident.internal;

import java.util.function.IntFunction;

import org.gridgov.shared.job.JobQueue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * CHECKING, the second phase of a resident import: set-based checks over all staging rows of a job — the same ID
 * number twice in the file, people already recorded, a dwelling put in two grids, a compound in two communities.
 * They run whether or not rows failed their own checks (those are staged with their valid parts, nulls elsewhere,
 * which the checks skip), so one upload reports every problem. Each check reports at most
 * {@value JobQueue#MAX_REPORTED_ERRORS} + 1 lines.
 */
@Component
class ImportChecks {

    private final JdbcTemplate jdbc;

    ImportChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reports every problem of the staging rows found by comparing rows with each other and with the tables. */
    void check(ImportJob job) {
        long id = job.id;
        report(job, """
                select line, first from (select line, min(line) over (partition by id_type, id_number_hmac) as first
                  from resident_import_row where job_id = ? and id_number_hmac is not null and id_type is not null) x
                 where line > first
                 order by line limit ?""", "idNumber", "resident.import.duplicate-in-file",
                first -> "The same ID number as row " + first, id);
        report(job, """
                select s.line, 0 from resident_import_row s
                  join resident_person p on p.id_type = s.id_type and p.id_number_hmac = s.id_number_hmac
                 where s.job_id = ? order by s.line limit ?""", "idNumber", "resident.import.duplicate",
                first -> "A resident with this ID number is already recorded", id);
        report(job, """
                select line, first from (select line, grid_id,
                       first_value(grid_id) over w as first_grid, first_value(line) over w as first
                  from resident_import_row where job_id = ? and grid_id is not null and compound_code is not null
                   and building_code is not null and unit is not null and room is not null
                window w as (partition by compound_code, building_code, unit, room order by line)) x
                 where grid_id <> first_grid order by line limit ?""", "microGridCode",
                "resident.import.dwelling-two-grids", first -> "The same dwelling is in another micro grid on row "
                        + first, id);
        report(job, """
                select s.line, 0 from resident_import_row s
                  join resident_compound c on c.code = s.compound_code
                  join resident_building b on b.compound_id = c.id and b.code = s.building_code
                  join resident_dwelling d on d.building_id = b.id and d.unit = s.unit and d.room = s.room
                 where s.job_id = ? and d.grid_id <> s.grid_id order by s.line limit ?""", "microGridCode",
                "resident.import.dwelling-moved", first -> "This dwelling is recorded in another micro grid", id);
        report(job, """
                select line, first from (select line, community_id,
                       first_value(community_id) over w as first_community, first_value(line) over w as first
                  from resident_import_row where job_id = ? and community_id is not null and compound_code is not null
                window w as (partition by compound_code order by line)) x
                 where community_id <> first_community order by line limit ?""", "compoundCode",
                "resident.import.compound-two-communities",
                first -> "The same compound lies in another community on row " + first, id);
        report(job, """
                select s.line, 0 from resident_import_row s join resident_compound c on c.code = s.compound_code
                 where s.job_id = ? and c.community_id <> s.community_id order by s.line limit ?""", "compoundCode",
                "resident.import.compound-elsewhere", first -> "This compound is recorded in another community", id);
    }

    private void report(ImportJob job, String sql, String field, String code, IntFunction<String> message,
            long jobId) {
        jdbc.query(sql, rs -> {
            job.error(rs.getInt(1), field, code, message.apply(rs.getInt(2)));
        }, jobId, JobQueue.MAX_REPORTED_ERRORS + 1);
    }
}
