package org.gridgov.participation;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.GeoPoint;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridSubtree;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.housing.DwellingLocations;
import org.gridgov.shared.housing.DwellingLocations.DwellingLocation;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 15-minute community life circle's two questions: which facilities of each kind are nearest to a point, and which
 * of a community's dwellings lie beyond 5, 10 and 15 walking minutes of each kind. Walking time is estimated honestly
 * and named in every answer ({@link LifeCircleProperties#method()}): straight-line distance × a detour factor at a
 * walking speed, not a route on the street network.
 * <p>
 * No PostGIS: facilities are prefiltered by a bounding box on {@code (lat, lng)} (one btree range scan), then bucketed
 * in a {@link WalkingGrid} whose cells are as wide as 15 minutes' reach, so each dwelling looks at 3 × 3 cells.
 * Dwellings come from resident-service through the shared kernel's {@link DwellingLocations} port.
 */
@Service
@Transactional(readOnly = true)
public class LifeCircleService {

    /** The walking times the report counts dwellings beyond. */
    static final int[] THRESHOLDS = { 5, 10, 15 };
    private static final int KINDS = FacilityKind.values().length;

    private final JdbcTemplate jdbc;
    private final ParticipationContext context;
    private final DwellingLocations dwellings;
    private final LifeCircleProperties walking;

    LifeCircleService(JdbcTemplate jdbc, ParticipationContext context, DwellingLocations dwellings,
            LifeCircleProperties walking) {
        this.jdbc = jdbc;
        this.context = context;
        this.dwellings = dwellings;
        this.walking = walking;
    }

    /** How walking time is estimated. */
    public LifeCircleProperties walking() {
        return walking;
    }

    /**
     * The nearest facilities of each kind (at most {@code perKind}, nearest first) within {@code withinMinutes} of a
     * point given in {@code coordSystem} (WGS84 by default), of one level when given.
     */
    public NearestFacilities nearest(Double lat, Double lng, String coordSystem, Integer withinMinutes,
            Integer perKind, String level) {
        if (lat == null) {
            throw DomainException.invalidField("field.required", "lat", "lat is required");
        }
        if (lng == null) {
            throw DomainException.invalidField("field.required", "lng", "lng is required");
        }
        int within = withinMinutes == null ? 15 : withinMinutes;
        if (within < 1 || within > 60) {
            throw DomainException.invalidField("participation.life-circle.within", "withinMinutes", "1 to 60 minutes");
        }
        int limit = perKind == null ? 3 : perKind;
        if (limit < 1 || limit > 10) {
            throw DomainException.invalidField("participation.life-circle.per-kind", "perKind", "1 to 10");
        }
        FacilityLevel onlyLevel = level == null || level.isBlank() ? null : FacilityService.level(level, "level");
        GeoPoint point = datum(coordSystem).toWgs84(lat, lng);
        double reach = walking.straightMetres(within);
        Map<FacilityKind, List<NearestFacilities.Nearby>> byKind = new EnumMap<>(FacilityKind.class);
        for (FacilityKind kind : FacilityKind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        double dLat = WalkingGrid.latDegrees(reach);
        double dLng = WalkingGrid.lngDegrees(reach, Math.abs(point.lat()) + dLat);
        jdbc.query("select id, kind, level, name, address, lat, lng from participation_facility where lat between ? "
                + "and ? and lng between ? and ?" + (onlyLevel == null ? "" : " and level = ?"), rs -> {
                    double metres = WalkingGrid.haversine(point.lat(), point.lng(), rs.getDouble("lat"),
                            rs.getDouble("lng"));
                    if (metres <= reach) {
                        byKind.get(FacilityKind.valueOf(rs.getString("kind"))).add(new NearestFacilities.Nearby(
                                rs.getLong("id"), rs.getString("name"), FacilityLevel.valueOf(rs.getString("level")),
                                rs.getString("address"), rs.getDouble("lat"), rs.getDouble("lng"), Math.round(metres),
                                oneDecimal(walking.minutes(metres))));
                    }
                }, bbox(point.lat() - dLat, point.lat() + dLat, point.lng() - dLng, point.lng() + dLng, onlyLevel));
        List<NearestFacilities.KindNearest> kinds = new ArrayList<>();
        byKind.forEach((kind, found) -> {
            found.sort(Comparator.comparingDouble(NearestFacilities.Nearby::walkingMinutes)
                .thenComparingLong(NearestFacilities.Nearby::id));
            kinds.add(new NearestFacilities.KindNearest(kind, kind.chinese(),
                    List.copyOf(found.subList(0, Math.min(limit, found.size())))));
        });
        return new NearestFacilities(point.lat(), point.lng(), within, walking.method(), walking.detourFactor(),
                walking.walkingSpeed(), kinds);
    }

    private static Object[] bbox(double minLat, double maxLat, double minLng, double maxLng, FacilityLevel level) {
        return level == null ? new Object[] { minLat, maxLat, minLng, maxLng }
                : new Object[] { minLat, maxLat, minLng, maxLng, level.name() };
    }

    private static CoordSystem datum(String coordSystem) {
        try {
            return coordSystem == null || coordSystem.isBlank() ? CoordSystem.WGS84
                    : CoordSystem.valueOf(coordSystem.strip().toUpperCase(Locale.ROOT).replace("-", ""));
        }
        catch (IllegalArgumentException ex) {
            throw DomainException.invalidField("geo.coord-system", "coordSystem", "WGS84, GCJ02 or BD09");
        }
    }

    /**
     * The coverage report of a community (any grid of the caller's scope: its subtree's dwellings), counting facilities
     * of {@code level} (both when null); {@code gaps} lists dwellings beyond {@code thresholdMinutes} (5, 10 or 15,
     * default 15) of at least one kind, or of {@code kind} when given.
     */
    public CoverageReport coverage(Long gridId, String level, Integer thresholdMinutes, String kind) {
        context.staff();
        long started = System.nanoTime();
        GridNodeRef grid = context.visibleGrid(gridId, "gridId");
        FacilityLevel onlyLevel = level == null || level.isBlank() ? null : FacilityService.level(level, "level");
        int threshold = thresholdMinutes == null ? 15 : thresholdMinutes;
        if (threshold != 5 && threshold != 10 && threshold != 15) {
            throw DomainException.invalidField("participation.life-circle.threshold", "thresholdMinutes",
                    "5, 10 or 15 minutes");
        }
        FacilityKind onlyKind = kind == null || kind.isBlank() ? null : FacilityService.kind(kind, "kind");
        Computation c = compute(context.pathOf(grid.id()), onlyLevel);

        List<CoverageReport.KindCoverage> kinds = new ArrayList<>();
        for (FacilityKind k : FacilityKind.values()) {
            long[] beyond = new long[THRESHOLDS.length];
            for (int d = 0; d < c.located.size(); d++) {
                float minutes = c.minutes[d * KINDS + k.ordinal()];
                for (int t = 0; t < THRESHOLDS.length; t++) {
                    if (Float.isNaN(minutes) || minutes > THRESHOLDS[t]) {
                        beyond[t]++;
                    }
                }
            }
            long located = c.located.size();
            kinds.add(new CoverageReport.KindCoverage(k, k.chinese(), c.facilityCount[k.ordinal()], beyond[0],
                    beyond[1], beyond[2], percent(beyond[0], located), percent(beyond[1], located),
                    percent(beyond[2], located), percent(located - beyond[2], located)));
        }
        List<CoverageReport.GapDwelling> gaps = new ArrayList<>();
        for (int d = 0; d < c.located.size(); d++) {
            DwellingLocation dwelling = c.located.get(d);
            List<FacilityKind> beyond = new ArrayList<>();
            Map<FacilityKind, Double> nearest = new EnumMap<>(FacilityKind.class);
            for (FacilityKind k : FacilityKind.values()) {
                float minutes = c.minutes[d * KINDS + k.ordinal()];
                if (!Float.isNaN(minutes)) {
                    nearest.put(k, oneDecimal(minutes));
                }
                if ((onlyKind == null || onlyKind == k) && (Float.isNaN(minutes) || minutes > threshold)) {
                    beyond.add(k);
                }
            }
            if (!beyond.isEmpty()) {
                gaps.add(new CoverageReport.GapDwelling(dwelling.dwellingId(), dwelling.maskedAddress(), dwelling.lat(),
                        dwelling.lng(), nearest, List.copyOf(beyond)));
            }
        }
        return new CoverageReport(grid.id(), grid.name(), onlyLevel, threshold, walking.method(),
                walking.detourFactor(), walking.walkingSpeed(), c.all, c.located.size(), c.all - c.located.size(),
                List.copyOf(kinds), gaps, c.facilities, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Life-circle figures of a subtree for the grid figures: per kind, the share of located dwellings within 15
     * walking minutes of a facility of that kind (null while no dwelling is located).
     */
    Map<String, Object> figures(GridSubtree subtree) {
        Computation c = compute(subtree.path(), null);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("locatedDwellings", (long) c.located.size());
        figures.put("unlocatedDwellings", c.all - c.located.size());
        for (FacilityKind k : FacilityKind.values()) {
            long within = 0;
            for (int d = 0; d < c.located.size(); d++) {
                float minutes = c.minutes[d * KINDS + k.ordinal()];
                if (!Float.isNaN(minutes) && minutes <= 15) {
                    within++;
                }
            }
            figures.put(camel(k) + "Coverage", c.located.isEmpty() ? null
                    : Math.round(10_000.0 * within / c.located.size()) / 10_000.0);
        }
        return figures;
    }

    static String camel(FacilityKind kind) {
        StringBuilder out = new StringBuilder();
        for (String part : kind.name().toLowerCase(Locale.ROOT).split("_")) {
            out.append(out.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    /** The report as CSV or .xlsx: one row per gap dwelling, the nearest walking minutes of each kind. */
    public void writeGaps(CoverageReport report, String format, OutputStream out) {
        TableFormat f = TableFormat.of(format, "participation.life-circle.format");
        List<String> header = new ArrayList<>(List.of("住户ID dwellingId", "地址 address", "纬度 lat", "经度 lng",
                "缺口 beyond " + report.thresholdMinutes() + " min"));
        for (FacilityKind k : FacilityKind.values()) {
            header.add(k.chinese() + " " + k.name() + " (min)");
        }
        try (TableWriter writer = TableWriter.open(f, out, "gaps", header)) {
            for (CoverageReport.GapDwelling gap : report.gaps()) {
                List<String> row = new ArrayList<>(List.of(String.valueOf(gap.dwellingId()), gap.maskedAddress(),
                        String.valueOf(gap.lat()), String.valueOf(gap.lng()),
                        String.join(";", gap.beyond().stream().map(FacilityKind::chinese).toList())));
                for (FacilityKind k : FacilityKind.values()) {
                    Double minutes = gap.nearestMinutes().get(k);
                    row.add(minutes == null ? ">15" : String.valueOf(minutes));
                }
                writer.row(row);
            }
        }
    }

    /** Dwellings of a subtree with each one's walking minutes to the nearest facility of each kind. */
    private static final class Computation {
        long all;
        List<DwellingLocation> located;
        /** located dwelling d, kind k → minutes at [d * KINDS + k]; NaN when none within 15 minutes */
        float[] minutes;
        long[] facilityCount = new long[KINDS];
        List<CoverageReport.MapFacility> facilities = new ArrayList<>();
    }

    private Computation compute(String path, FacilityLevel level) {
        Computation c = new Computation();
        List<DwellingLocation> every = dwellings.under(path);
        c.all = every.size();
        c.located = every.stream().filter(DwellingLocation::located).toList();
        c.minutes = new float[c.located.size() * KINDS];
        java.util.Arrays.fill(c.minutes, Float.NaN);
        if (c.located.isEmpty()) {
            return c;
        }
        double minLat = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        double minLng = Double.MAX_VALUE;
        double maxLng = -Double.MAX_VALUE;
        for (DwellingLocation d : c.located) {
            minLat = Math.min(minLat, d.lat());
            maxLat = Math.max(maxLat, d.lat());
            minLng = Math.min(minLng, d.lng());
            maxLng = Math.max(maxLng, d.lng());
        }
        double reach = walking.straightMetres(15);
        double dLat = WalkingGrid.latDegrees(reach);
        double dLng = WalkingGrid.lngDegrees(reach, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat);
        double referenceLat = (minLat + maxLat) / 2;
        // cells a little wider than the reach: the equirectangular cell narrows away from the reference latitude
        WalkingGrid[] grids = new WalkingGrid[KINDS];
        for (int k = 0; k < KINDS; k++) {
            grids[k] = new WalkingGrid(reach * 1.05, referenceLat);
        }
        jdbc.query("select id, kind, level, name, lat, lng from participation_facility where lat between ? and ? "
                + "and lng between ? and ?" + (level == null ? "" : " and level = ?"), rs -> {
                    FacilityKind kind = FacilityKind.valueOf(rs.getString("kind"));
                    long id = rs.getLong("id");
                    double lat = rs.getDouble("lat");
                    double lng = rs.getDouble("lng");
                    grids[kind.ordinal()].add(new WalkingGrid.Spot(id, lat, lng));
                    c.facilityCount[kind.ordinal()]++;
                    c.facilities.add(new CoverageReport.MapFacility(id, kind,
                            FacilityLevel.valueOf(rs.getString("level")), rs.getString("name"), lat, lng));
                }, bbox(minLat - dLat, maxLat + dLat, minLng - dLng, maxLng + dLng, level));
        for (int d = 0; d < c.located.size(); d++) {
            DwellingLocation dwelling = c.located.get(d);
            for (int k = 0; k < KINDS; k++) {
                WalkingGrid.Nearest nearest = grids[k].nearest(dwelling.lat(), dwelling.lng(), reach);
                if (nearest != null) {
                    c.minutes[d * KINDS + k] = (float) walking.minutes(nearest.metres());
                }
            }
        }
        return c;
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
