package org.gridgov.resident;

import java.util.List;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.GeoPoint;
import org.gridgov.grid.GridDirectory;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.housing.DwellingLocations;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where compounds and buildings stand, and resident-service's side of the {@link DwellingLocations} port: a dwelling
 * lies where its building stands, else where its compound's gate is. Locations are set by those who manage the
 * compound's community, in WGS84 or converted from the datum a Chinese map SDK gave (GCJ-02, BD-09).
 */
@Service
@Transactional(readOnly = true)
public class HousingLocations implements DwellingLocations {

    private final JdbcTemplate jdbc;
    private final HousingService housing;
    private final GridDirectory grids;
    private final DataScopeProvider scopes;
    private final AuditLog audit;

    HousingLocations(JdbcTemplate jdbc, HousingService housing, GridDirectory grids, DataScopeProvider scopes,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.housing = housing;
        this.grids = grids;
        this.scopes = scopes;
        this.audit = audit;
    }

    /** A point as stored (WGS84). */
    public record Location(double lat, double lng) {
    }

    /** Sets where a compound's gate is: its dwellings whose building has no location of its own lie there. */
    @Transactional
    public Location locateCompound(long compoundId, Double lat, Double lng, String coordSystem) {
        CompoundView compound = managed(compoundId);
        GeoPoint point = point(lat, lng, coordSystem);
        jdbc.update("update resident_compound set lat = ?, lng = ? where id = ?", point.lat(), point.lng(), compoundId);
        audit.record("COMPOUND_LOCATED", "resident_compound", String.valueOf(compoundId),
                grids.pathOf(compound.community().id()), point.lat() + "," + point.lng());
        return new Location(point.lat(), point.lng());
    }

    /** Sets where a building of a compound stands: its dwellings lie there. */
    @Transactional
    public Location locateBuilding(long compoundId, long buildingId, Double lat, Double lng, String coordSystem) {
        CompoundView compound = managed(compoundId);
        GeoPoint point = point(lat, lng, coordSystem);
        int updated = jdbc.update("update resident_building set lat = ?, lng = ? where id = ? and compound_id = ?",
                point.lat(), point.lng(), buildingId, compoundId);
        if (updated == 0) {
            throw DomainException.notFound("resident.building.not-found", "No building " + buildingId
                    + " in compound " + compoundId);
        }
        audit.record("BUILDING_LOCATED", "resident_building", String.valueOf(buildingId),
                grids.pathOf(compound.community().id()), point.lat() + "," + point.lng());
        return new Location(point.lat(), point.lng());
    }

    private CompoundView managed(long compoundId) {
        CompoundView compound = housing.compound(compoundId); // 404 outside the caller's scope
        if (!scopes.current().covers(grids.pathOf(compound.community().id()))) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "resident.compound.not-yours",
                    "Only those who manage the compound's community may locate it");
        }
        return compound;
    }

    private static GeoPoint point(Double lat, Double lng, String coordSystem) {
        if (lat == null) {
            throw DomainException.invalidField("field.required", "lat", "lat is required");
        }
        if (lng == null) {
            throw DomainException.invalidField("field.required", "lng", "lng is required");
        }
        CoordSystem datum;
        try {
            datum = coordSystem == null || coordSystem.isBlank() ? CoordSystem.WGS84
                    : CoordSystem.valueOf(coordSystem.strip().toUpperCase(java.util.Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw DomainException.invalidField("geo.coord-system", "coordSystem", "WGS84, GCJ02 or BD09");
        }
        return datum.toWgs84(lat, lng);
    }

    @Override
    public List<DwellingLocation> under(String gridPath) {
        SqlPredicate under = PathRange.under(gridPath).sql("d.grid_path");
        return jdbc.query("""
                select d.id, d.grid_id, c.name as compound, b.name as building, d.unit,
                       coalesce(b.lat, c.lat) as lat, coalesce(b.lng, c.lng) as lng
                  from resident_dwelling d
                  join resident_building b on b.id = d.building_id
                  join resident_compound c on c.id = b.compound_id
                 where\s""" + under.sql() + " order by d.id", (rs, row) -> {
                    String unit = rs.getString("unit");
                    String address = rs.getString("compound") + " " + rs.getString("building")
                            + (unit == null || unit.isEmpty() ? "" : " " + unit + "单元") + " ***";
                    double lat = rs.getDouble("lat");
                    Double latOrNull = rs.wasNull() ? null : lat;
                    double lng = rs.getDouble("lng");
                    Double lngOrNull = rs.wasNull() ? null : lng;
                    return new DwellingLocation(rs.getLong("id"), rs.getLong("grid_id"), address, latOrNull,
                            lngOrNull);
                }, under.array());
    }
}
