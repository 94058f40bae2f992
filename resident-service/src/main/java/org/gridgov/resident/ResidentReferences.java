package org.gridgov.resident;

import java.util.Optional;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.people.ResidentDirectory;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.gridgov.shared.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resident-service's side of the {@link ResidentDirectory} port: other modules keep a resident's or a dwelling's id,
 * never their name or address, and come here — for a fact their rules need (points: is this resident in the pool's
 * community) or to open a reference for a person entitled to it (incidents raised from a visit or an inspection),
 * which is scoped and audited like every read of residents' data here.
 */
@Service
@Transactional(readOnly = true)
public class ResidentReferences implements ResidentDirectory {

    private final JdbcTemplate jdbc;
    private final ResidentService residents;
    private final HousingService housing;
    private final CallerProvider callers;
    private final AuditLog audit;

    ResidentReferences(JdbcTemplate jdbc, ResidentService residents, HousingService housing, CallerProvider callers,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.residents = residents;
        this.housing = housing;
        this.callers = callers;
        this.audit = audit;
    }

    @Override
    public Optional<ResidentPlace> place(long residentId) {
        return jdbc.query("select id, grid_id, grid_path from resident_person where id = ?",
                (rs, i) -> new ResidentPlace(rs.getLong(1), rs.getLong(2), rs.getString(3)), residentId).stream()
            .findFirst();
    }

    @Override
    public ResidentCard open(ResidentReference reference, String purpose) {
        Caller caller = callers.current();
        if (!caller.hasRoleIn(Role.GRID_STAFF)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "resident.reference.forbidden",
                    "Residents' data is for grid staff only");
        }
        if (reference == null || reference.isEmpty()) {
            throw DomainException.notFound("resident.reference.none", "Nothing refers to a resident here");
        }
        // both reads are scoped: outside the caller's part of the tree the resident or dwelling does not exist (404)
        ResidentView resident = reference.residentId() == null ? null : residents.get(reference.residentId());
        DwellingView dwelling = reference.dwellingId() == null ? null : housing.dwelling(reference.dwellingId());
        if (dwelling == null && resident != null) {
            dwelling = resident.residences().stream().filter(r -> r.movedOut() == null && r.kind().equals("LIVING"))
                .findFirst().map(r -> housing.dwelling(r.dwellingId())).orElse(null);
        }
        long gridId = resident != null ? resident.grid().id() : dwelling.grid().id();
        String path = resident != null
                ? jdbc.queryForObject("select grid_path from resident_person where id = ?", String.class, resident.id())
                : jdbc.queryForObject("select grid_path from resident_dwelling where id = ?", String.class,
                        dwelling.id());
        audit.record("RESIDENT_REFERENCE_OPENED", resident != null ? "resident" : "dwelling",
                Long.toString(resident != null ? resident.id() : dwelling.id()), path, purpose);
        return new ResidentCard(resident == null ? null : resident.id(), resident == null ? null : resident.name(),
                resident == null ? null : resident.idNumberMasked(), resident == null ? null : resident.phoneMasked(),
                resident == null || resident.careLevel() == null ? null : resident.careLevel().name(),
                dwelling == null ? null : dwelling.id(), dwelling == null ? null : dwelling.address(), gridId);
    }
}
