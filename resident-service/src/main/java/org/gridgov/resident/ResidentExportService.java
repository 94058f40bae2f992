package org.gridgov.resident;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.resident.internal.PersonalDataCipher;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableWriter;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports of the lists a user can see, to CSV or .xlsx, streamed from a database cursor. Personal data stays masked
 * unless the caller's role may reveal it; every export is in the audit log, with its filter and whether it was
 * unmasked. Cells that would start a formula are neutralised.
 */
@Service
public class ResidentExportService {

    private final JdbcTemplate jdbc;
    private final ResidentService residents;
    private final PersonalDataCipher cipher;
    private final GridDirectory grids;
    private final DataScopeProvider scopes;
    private final CallerProvider callers;
    private final AuditLog audit;
    private final TransactionTemplate readOnly;

    ResidentExportService(JdbcTemplate jdbc, ResidentService residents, PersonalDataCipher cipher, GridDirectory grids,
            DataScopeProvider scopes, CallerProvider callers, AuditLog audit, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.residents = residents;
        this.cipher = cipher;
        this.grids = grids;
        this.scopes = scopes;
        this.callers = callers;
        this.audit = audit;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** What an export will be: checked (format, filter, scope) and audited before the first byte is written. */
    public record PreparedExport(String format, String fileName, ExportBody writer) {
    }

    /** Writes the export to a stream. */
    @FunctionalInterface
    public interface ExportBody {
        void writeTo(OutputStream out);
    }

    public PreparedExport residents(ResidentSearch search, String format) {
        String f = format(format);
        Caller caller = callers.current();
        boolean unmasked = ResidentService.mayReveal(caller, "ID_NUMBER");
        List<Object> args = new ArrayList<>();
        String where = residents.where(search, args);
        DataScope scope = scopes.current();
        audit.record("EXPORT", "residents", null, scope.isAll() ? null : scope.path(),
                f + (unmasked ? " unmasked" : " masked") + " filter=" + search);
        String sql = """
                select p.id, p.name, p.gender, p.birth_date, p.id_type, p.id_number_masked, p.phone_masked,
                       p.id_number_enc, p.phone_enc, p.ethnicity, p.population_type, p.party_member, p.volunteer,
                       p.care_level, p.grid_id,
                       (select string_agg(t.tag_code, ';' order by t.tag_code) from resident_person_tag t
                         where t.person_id = p.id) as tags
                  from resident_person p""" + where + " order by p.name, p.id";
        return new PreparedExport(f, "residents." + f, out -> readOnly.executeWithoutResult(status -> {
            try (TableWriter writer = TableWriter.open(TableFormat.of(f, "resident.export.format"), out, "residents", List.of("id", "name", "gender", "birthDate", "idType",
                    "idNumber", "phone", "ethnicity", "populationType", "partyMember", "volunteer", "careLevel",
                    "microGridCode", "tags"))) {
                jdbc.query(con -> {
                    var statement = con.prepareStatement(sql);
                    statement.setFetchSize(1000);
                    for (int i = 0; i < args.size(); i++) {
                        statement.setObject(i + 1, args.get(i));
                    }
                    return statement;
                }, rs -> {
                    writer.row(rs.getString("id"), rs.getString("name"), rs.getString("gender"),
                            rs.getString("birth_date"), rs.getString("id_type"),
                            unmasked ? cipher.decrypt(rs.getBytes("id_number_enc"), ResidentService.ID_NUMBER)
                                    : rs.getString("id_number_masked"),
                            unmasked ? cipher.decrypt(rs.getBytes("phone_enc"), ResidentService.PHONE)
                                    : rs.getString("phone_masked"),
                            rs.getString("ethnicity"), rs.getString("population_type"),
                            rs.getBoolean("party_member") ? "是" : "否", rs.getBoolean("volunteer") ? "是" : "否",
                            rs.getString("care_level"), grids.byId(rs.getLong("grid_id")).map(GridNodeRef::code)
                                .orElse(null), rs.getString("tags"));
                });
            }
        }));
    }

    /** The dwellings the caller may see (no personal data). */
    public PreparedExport dwellings(Long nodeId, String format) {
        String f = format(format);
        DataScope scope = scopes.current();
        SqlPredicate visible = scope.sql("d.grid_path");
        if (nodeId != null) {
            var grid = grids.byId(nodeId).filter(g -> scope.covers(grids.pathOf(g.id())))
                .orElseThrow(() -> DomainException.notFound("resident.grid.not-found", "No grid " + nodeId));
            visible = visible.and(PathRange.under(grids.pathOf(grid.id())).sql("d.grid_path"));
        }
        String where = " where " + visible.sql();
        List<Object> args = visible.args();
        audit.record("EXPORT", "dwellings", null, scope.isAll() ? null : scope.path(), f + " nodeId=" + nodeId);
        String sql = """
                select c.code as compound_code, c.name as compound_name, b.code as building_code, b.name as building_name,
                       d.unit, d.room, d.grid_id, d.verified_by, d.verified_at
                  from resident_dwelling d join resident_building b on b.id = d.building_id
                  join resident_compound c on c.id = b.compound_id""" + where + " order by c.code, b.code, d.unit, d.room";
        return new PreparedExport(f, "dwellings." + f, out -> readOnly.executeWithoutResult(status -> {
            try (TableWriter writer = TableWriter.open(TableFormat.of(f, "resident.export.format"), out, "dwellings", List.of("compoundCode", "compoundName", "buildingCode",
                    "buildingName", "unit", "room", "microGridCode", "verifiedBy", "verifiedAt"))) {
                jdbc.query(con -> {
                    var statement = con.prepareStatement(sql);
                    statement.setFetchSize(1000);
                    for (int i = 0; i < args.size(); i++) {
                        statement.setObject(i + 1, args.get(i));
                    }
                    return statement;
                }, rs -> {
                    writer.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), grids.byId(rs.getLong(7)).map(GridNodeRef::code).orElse(null),
                            rs.getString(8), rs.getString(9));
                });
            }
        }));
    }

    private static String format(String format) {
        return TableFormat.of(format, "resident.export.format").extension();
    }
}
