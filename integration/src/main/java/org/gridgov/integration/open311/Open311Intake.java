package org.gridgov.integration.open311;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridLocator;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.incident.IncidentConfigService;
import org.gridgov.incident.IncidentConfigService.CategoryView;
import org.gridgov.incident.IncidentContact;
import org.gridgov.incident.IncidentIntake;
import org.gridgov.incident.IncidentSource;
import org.gridgov.incident.IncidentView;
import org.gridgov.incident.ReportIncidentCommand;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * A posted service request becomes an incident (source {@code EXTERNAL}) that lives its full lifecycle. The form
 * needs service_code (an active category) and a location: lat+long, attribute[grid_code], or address_string alone,
 * which routes the incident to the client's own level for manual location. lat/long are WGS84 unless the
 * jurisdiction extension {@code coord_system} says GCJ02 (Amap, Tencent) or BD09 (Baidu). A request whose grid lies
 * outside the client's scope is refused (403, as a
 * key that may not act there) rather than accepted and then invisible to the client that posted it.
 * The address and a media URL are kept in the description; the Idempotency-Key, or a fresh UUID, is the request's
 * token.
 */
@Component
class Open311Intake {

    static final int MAX_DESCRIPTION = 4000;

    private final IncidentIntake incidents;
    private final IncidentConfigService config;
    private final GridDirectory grids;
    private final DataScopeProvider scopes;
    private final GridLocator locator;

    Open311Intake(IncidentIntake incidents, IncidentConfigService config, GridDirectory grids,
            DataScopeProvider scopes, GridLocator locator) {
        this.locator = locator;
        this.incidents = incidents;
        this.config = config;
        this.grids = grids;
        this.scopes = scopes;
    }

    /** The incident reported, and the token the client looks the request up by. */
    record Reported(IncidentView incident, String token) {
    }

    /** @throws Open311Error 400 naming what is missing or wrong, checked in the order a client would fix it */
    Reported report(MultiValueMap<String, String> form, String idempotencyKey) {
        String serviceCode = form.getFirst("service_code");
        if (serviceCode == null || serviceCode.isBlank()) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, "service_code is required");
        }
        CategoryView category = config.categories().stream().filter(CategoryView::active)
            .filter(c -> c.code().equals(serviceCode)).findFirst()
            .orElseThrow(() -> new Open311Error(HttpStatus.BAD_REQUEST, "service_code " + serviceCode + " not found"));
        String description = Optional.ofNullable(form.getFirst("description")).map(String::strip).orElse("");
        if (description.length() > MAX_DESCRIPTION) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, "description is longer than 4000 characters");
        }
        Double lat = coordinate(form.getFirst("lat"), "lat", 90);
        Double lng = coordinate(form.getFirst("long"), "long", 180);
        if ((lat == null) != (lng == null)) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, "lat and long go together");
        }
        CoordSystem coordSystem = coordSystem(form.getFirst("coord_system"));
        String gridCode = blankToNull(form.getFirst("attribute[grid_code]"));
        String address = blankToNull(form.getFirst("address_string"));
        if (lat == null && gridCode == null) {
            if (address == null) {
                throw new Open311Error(HttpStatus.BAD_REQUEST,
                        "a location is required: lat and long, attribute[grid_code] or address_string");
            }
            gridCode = intakeGridCode();
        }
        requireInScope(gridCode, lat, lng, coordSystem);
        String anonymous = form.getFirst("attribute[anonymous]");
        if (anonymous != null && !anonymous.equals("true") && !anonymous.equals("false")) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, "attribute[anonymous] is true or false");
        }
        StringBuilder text = new StringBuilder(description.isEmpty() ? category.name() : description);
        if (address != null) {
            text.append("\n地址：").append(address);
        }
        String media = blankToNull(form.getFirst("media_url"));
        if (media != null) {
            text.append("\n图片：").append(media);
        }
        String token = idempotencyKey != null && !idempotencyKey.isBlank() ? idempotencyKey.strip()
                : UUID.randomUUID().toString();
        IncidentContact contact = new IncidentContact(null, blankToNull(form.getFirst("first_name")),
                blankToNull(form.getFirst("last_name")), blankToNull(form.getFirst("phone")),
                blankToNull(form.getFirst("email")), blankToNull(form.getFirst("device_id")));
        IncidentView created = incidents.report(new ReportIncidentCommand(category.code(), IncidentSource.EXTERNAL,
                text.length() > MAX_DESCRIPTION + 600 ? text.substring(0, MAX_DESCRIPTION + 600) : text.toString(),
                lat, lng, coordSystem, gridCode, "true".equals(anonymous), null, null, null, contact), token)
            .incident();
        return new Reported(created, token);
    }

    /** The level an address-only request goes to for manual location: the client's scope root, else the first root. */
    private String intakeGridCode() {
        DataScope scope = scopes.current();
        Optional<GridNodeRef> intake = scope.kind() == DataScope.Kind.SUBTREE ? grids.byId(scope.nodeId())
                : grids.firstRoot();
        return intake.map(GridNodeRef::code)
            .orElseThrow(() -> new Open311Error(HttpStatus.BAD_REQUEST, "address_string cannot be routed: no grid"));
    }

    /** {@code coord_system}: the datum of lat/long, WGS84 when absent. */
    private static CoordSystem coordSystem(String value) {
        if (value == null || value.isBlank()) {
            return CoordSystem.WGS84;
        }
        try {
            return CoordSystem.valueOf(value.strip().replace("-", "").toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, "coord_system is WGS84, GCJ02 or BD09, not " + value);
        }
    }

    /**
     * The grid the request would land in must be inside the client's scope: otherwise the client could never see it
     * again (requests/{id} and tokens/{token} show only its scope). A point outside every grid would go to the
     * platform's intake grid, which a client scoped to a subtree does not cover either. An unknown grid code is left
     * to the intake to refuse.
     */
    private void requireInScope(String gridCode, Double lat, Double lng, CoordSystem coordSystem) {
        DataScope scope = scopes.current();
        if (scope.isAll()) {
            return;
        }
        Optional<GridNodeRef> grid = gridCode != null ? grids.byCode(gridCode)
                : locator.gridAt(coordSystem.toWgs84(lat, lng));
        if (gridCode != null && grid.isEmpty()) {
            return;
        }
        if (grid.isEmpty() || !scope.covers(grids.pathOf(grid.get().id()))) {
            throw new Open311Error(HttpStatus.FORBIDDEN, (gridCode != null ? "attribute[grid_code] " + gridCode
                    : "lat/long") + " is outside this api_key's jurisdiction");
        }
    }

    private static Double coordinate(String value, String name, double limit) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isNaN(parsed) || Math.abs(parsed) > limit) {
                throw new Open311Error(HttpStatus.BAD_REQUEST, name + " is out of range");
            }
            return parsed;
        }
        catch (NumberFormatException ex) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, name + " is not a number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
