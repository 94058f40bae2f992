package org.gridgov.integration.open311;

import org.gridgov.shared.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.incident.IncidentConfigService;
import org.gridgov.incident.IncidentConfigService.CategoryView;
import org.gridgov.incident.IncidentSearch;
import org.gridgov.incident.IncidentIntake;
import org.gridgov.incident.IncidentQueries;
import org.gridgov.incident.IncidentSource;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.IncidentView;
import org.gridgov.incident.ReportIncidentCommand;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.grid.GridDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the incident module: services are incident
 * categories, a request is an incident (source {@code EXTERNAL}) that lives its full lifecycle. Our states map to
 * {@code open}/{@code closed}; {@code expected_datetime} is the resolution deadline; {@code agency_responsible} is the
 * grid level (or summoned department) holding it. Discovery and services are public; requests and tokens need an
 * {@code api_key} (issued per integrator client) and show what that client's scope covers. Errors are the spec's
 * list of {@code code}/{@code description}.
 */
@RestController
@Tag(name = "Open311 GeoReport v2")
class Open311Controller {

    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_REQUESTS = 1000;
    static final Duration MAX_RANGE = Duration.ofDays(90);

    private final IncidentIntake intake;
    private final IncidentQueries incidents;
    private final IncidentConfigService config;
    private final GridDirectory grids;
    private final DataScopeProvider scopes;
    private final JsonMapper json;
    private final ZoneId zone;

    Open311Controller(IncidentIntake intake, IncidentQueries incidents, IncidentConfigService config,
            GridDirectory grids, DataScopeProvider scopes, JsonMapper json,
            @Value("${gridgov.open311.zone:Asia/Shanghai}") ZoneId zone) {
        this.intake = intake;
        this.incidents = incidents;
        this.config = config;
        this.grids = grids;
        this.scopes = scopes;
        this.json = json;
        this.zone = zone;
    }

    /** An Open311 error: the status and its description. */
    static final class Open311Error extends RuntimeException {

        final HttpStatus status;

        Open311Error(HttpStatus status, String description) {
            super(description);
            this.status = status;
        }
    }

    // ---------------------------------------------------------------------------------------------- discovery

    @GetMapping("/open311/v2/discovery.{format}")
    @Operation(summary = "Open311 discovery", description = "Where the GeoReport v2 endpoint is and what it speaks.")
    ResponseEntity<String> discovery(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        String base = request.getRequestURL().toString().replaceFirst("/discovery\\.[a-z]+$", "/");
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
        endpoint.put("url", base);
        endpoint.put("changeset", "2026-12-01T00:00:00Z");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("application/json", "text/xml"));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("changeset", "2026-12-01T00:00:00Z");
        document.put("contact", "GridGov platform administrators");
        document.put("key_service", "api_key: ask a system administrator (POST /api/v1/integrator-clients/{id}/open311-key)");
        document.put("endpoints", List.of(endpoint));
        return ok(f, f.object(json, "discovery", document));
    }

    // ----------------------------------------------------------------------------------------------- services

    @GetMapping("/open311/v2/services.{format}")
    @Operation(summary = "Open311 service list", description = "The incident categories, active ones only.")
    ResponseEntity<String> services(@PathVariable String format) {
        Open311Format f = format(format);
        List<Map<String, Object>> services = activeCategories().map(this::service).toList();
        return ok(f, f.list(json, "services", "service", services));
    }

    @GetMapping("/open311/v2/services/{code}.{format}")
    @Operation(summary = "Open311 service definition", description = "The attributes a request of this category "
            + "may carry: attribute[anonymous] and attribute[grid_code].")
    ResponseEntity<String> service(@PathVariable String code, @PathVariable String format) {
        Open311Format f = format(format);
        CategoryView category = activeCategories().filter(c -> c.code().equals(code)).findFirst()
            .orElseThrow(() -> new Open311Error(HttpStatus.NOT_FOUND, "service_code " + code + " not found"));
        Map<String, Object> anonymous = attribute("anonymous", "singlevaluelist", 1,
                "Hide the reporter from the staff handling it (匿名)",
                List.of(value("true", "anonymous"), value("false", "named")));
        Map<String, Object> grid = attribute("grid_code", "string", 2,
                "Grid code (网格编码) where the problem is, when no lat/long is given", null);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", category.code());
        definition.put("attributes", List.of(anonymous, grid));
        return ok(f, f.object(json, "service_definition", definition));
    }

    // ----------------------------------------------------------------------------------------------- requests

    @PostMapping(path = "/open311/v2/requests.{format}")
    @Operation(summary = "Open311 create request", description = "Form-encoded. Needs api_key, service_code and "
            + "lat+long, attribute[grid_code] or address_string (an address alone routes the incident to the "
            + "client's own level for manual location); description up to 4,000 characters. Answers the tracking "
            + "code as service_request_id, and a token for GET tokens/{token}. Honours Idempotency-Key.")
    ResponseEntity<String> create(@PathVariable String format, @RequestParam MultiValueMap<String, String> form,
            @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key", required = false)
            String idempotencyKey, HttpServletRequest request) {
        Open311Format f = format(format);
        requireApiKey(request);
        String serviceCode = form.getFirst("service_code");
        if (serviceCode == null || serviceCode.isBlank()) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, "service_code is required");
        }
        CategoryView category = activeCategories().filter(c -> c.code().equals(serviceCode)).findFirst()
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
        String gridCode = blankToNull(form.getFirst("attribute[grid_code]"));
        String address = blankToNull(form.getFirst("address_string"));
        if (lat == null && gridCode == null) {
            if (address == null) {
                throw new Open311Error(HttpStatus.BAD_REQUEST,
                        "a location is required: lat and long, attribute[grid_code] or address_string");
            }
            gridCode = intakeGridCode();
        }
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
        IncidentView created = intake.report(new ReportIncidentCommand(category.code(), IncidentSource.EXTERNAL,
                text.length() > MAX_DESCRIPTION + 600 ? text.substring(0, MAX_DESCRIPTION + 600) : text.toString(),
                lat, lng, null, gridCode, "true".equals(anonymous), null), token).incident();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", created.trackingCode());
        answer.put("token", token);
        answer.put("service_notice", "expected by " + time(created.expectedResolutionAt()));
        answer.put("account_id", null);
        return ResponseEntity.status(HttpStatus.CREATED).contentType(f.mediaType())
            .body(f.list(json, "service_requests", "request", List.of(answer)));
    }

    @GetMapping("/open311/v2/tokens/{token}.{format}")
    @Operation(summary = "Open311 request id from a token", description = "The service_request_id of a request "
            + "this api_key posted with that token.")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        requireApiKey(request);
        IncidentView found = incidents.search(new IncidentSearch(null, null, null, null, null, token, 1)).stream()
            .findFirst().orElseThrow(() -> new Open311Error(HttpStatus.NOT_FOUND, "token " + token + " not found"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", found.trackingCode());
        answer.put("token", token);
        return ok(f, f.list(json, "service_requests", "request", List.of(answer)));
    }

    @GetMapping("/open311/v2/requests.{format}")
    @Operation(summary = "Open311 query requests", description = "Filters: service_request_id (comma-separated; "
            + "the others are then ignored), service_code (comma-separated), start_date and end_date (ISO 8601, at "
            + "most 90 days apart; one alone spans 90 days from or to it; neither: the last 90 days), status (open, "
            + "closed). Newest first, at most 1,000.")
    ResponseEntity<String> requests(@PathVariable String format,
            @RequestParam(name = "service_request_id", required = false) String ids,
            @RequestParam(name = "service_code", required = false) String codes,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end,
            @RequestParam(name = "status", required = false) String status, HttpServletRequest request) {
        Open311Format f = format(format);
        requireApiKey(request);
        List<IncidentView> found;
        if (ids != null && !ids.isBlank()) {
            found = incidents.search(new IncidentSearch(split(ids), null, null, null, null, null, MAX_REQUESTS));
        }
        else {
            Instant from = start == null ? null : date(start, "start_date");
            Instant to = end != null ? date(end, "end_date") : from != null ? from.plus(MAX_RANGE) : Instant.now();
            from = from == null ? to.minus(MAX_RANGE) : from;
            if (from.isAfter(to)) {
                throw new Open311Error(HttpStatus.BAD_REQUEST, "start_date is after end_date");
            }
            if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
                throw new Open311Error(HttpStatus.BAD_REQUEST, "start_date and end_date are more than 90 days apart");
            }
            found = incidents.search(new IncidentSearch(null, codes == null ? null : split(codes), from, to,
                    states(status), null, MAX_REQUESTS));
        }
        return ok(f, f.list(json, "service_requests", "request", found.stream().map(this::request).toList()));
    }

    @GetMapping("/open311/v2/requests/{id}.{format}")
    @Operation(summary = "Open311 one request", description = "By service_request_id (the tracking code).")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        requireApiKey(request);
        List<IncidentView> found = incidents.search(new IncidentSearch(List.of(id), null, null, null, null, null, 1));
        if (found.isEmpty()) {
            throw new Open311Error(HttpStatus.NOT_FOUND, "service_request_id " + id + " not found");
        }
        return ok(f, f.list(json, "service_requests", "request", List.of(request(found.get(0)))));
    }

    // ------------------------------------------------------------------------------------------------- errors

    @ExceptionHandler(Open311Error.class)
    ResponseEntity<String> open311Error(Open311Error error, HttpServletRequest request) {
        return error(request, error.status, error.getMessage());
    }

    /** What the incident module refuses (unknown grid code, no intake grid, …) in Open311's shape. */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<String> domainError(DomainException error, HttpServletRequest request) {
        HttpStatus status = switch (error.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN, UNAUTHENTICATED -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
        String field = error.violations().isEmpty() ? "" : error.violations().get(0).field() + ": ";
        return error(request, status, field + error.getMessage());
    }

    private ResponseEntity<String> error(HttpServletRequest request, HttpStatus status, String description) {
        Open311Format f = request.getRequestURI().endsWith(".xml") ? Open311Format.XML : Open311Format.JSON;
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status.value());
        error.put("description", description);
        return ResponseEntity.status(status).contentType(f.mediaType())
            .body(f.list(json, "errors", "error", List.of(error)));
    }

    // ---------------------------------------------------------------------------------------------- mapping

    private Map<String, Object> service(CategoryView category) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service_code", category.code());
        service.put("service_name", category.name());
        service.put("description", category.name() + "：" + category.responseHours() + " 小时内受理，"
                + category.resolutionHours() + (category.workingHours() ? " 个工作小时" : " 小时") + "内办结");
        service.put("metadata", true);
        service.put("type", "realtime");
        service.put("keywords", category.code().toLowerCase().replace('_', ','));
        service.put("group", "网格事件");
        return service;
    }

    private Map<String, Object> request(IncidentView incident) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", incident.trackingCode());
        request.put("status", incident.state().isOpen() ? "open" : "closed");
        request.put("status_notes", incident.rejectionReason() != null ? incident.rejectionReason()
                : incident.state().name());
        request.put("service_name", incident.categoryName());
        request.put("service_code", incident.category());
        request.put("description", incident.description());
        request.put("agency_responsible", agency(incident));
        request.put("service_notice", null);
        request.put("requested_datetime", time(incident.createdAt()));
        request.put("updated_datetime", time(Stream.of(incident.createdAt(), incident.acceptedAt(),
                incident.resolvedAt(), incident.closedAt()).filter(java.util.Objects::nonNull)
            .max(Instant::compareTo).orElse(incident.createdAt())));
        request.put("expected_datetime", time(incident.expectedResolutionAt()));
        request.put("address", incident.grid() == null ? null : incident.grid().name());
        request.put("address_id", incident.grid() == null ? null : incident.grid().code());
        request.put("zipcode", null);
        request.put("lat", incident.lat());
        request.put("long", incident.lng());
        request.put("media_url", null);
        return request;
    }

    private static String agency(IncidentView incident) {
        if (incident.state() == IncidentState.WHISTLED && !incident.summons().isEmpty()) {
            return (incident.holder() == null ? "" : incident.holder().name() + " + ") + incident.summons().size()
                    + " 个部门";
        }
        GridNodeRef holder = incident.holder();
        return holder == null ? null : holder.name();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Stream<CategoryView> activeCategories() {
        return config.categories().stream().filter(CategoryView::active);
    }

    private static Open311Format format(String extension) {
        Open311Format f = Open311Format.of(extension);
        if (f == null) {
            throw new Open311Error(HttpStatus.NOT_FOUND, "format " + extension + " not supported: json or xml");
        }
        return f;
    }

    private static void requireApiKey(HttpServletRequest request) {
        if (request.getAttribute(Open311ApiKeyFilter.INVALID_KEY) != null) {
            throw new Open311Error(HttpStatus.FORBIDDEN, "api_key is not valid");
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication.getAuthorities().stream().noneMatch(a -> Role.INTEGRATOR.authority().equals(a.getAuthority()))) {
            throw new Open311Error(HttpStatus.FORBIDDEN, "api_key is required");
        }
    }

    /** The level an address-only request goes to for manual location: the client's scope root, else a district. */
    private String intakeGridCode() {
        DataScope scope = scopes.current();
        Optional<GridNodeRef> level = scope.kind() == DataScope.Kind.SUBTREE ? grids.byId(scope.nodeId())
                : grids.firstDistrict();
        return level.map(GridNodeRef::code)
            .orElseThrow(() -> new Open311Error(HttpStatus.BAD_REQUEST, "address_string cannot be routed: no grid"));
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

    private static Instant date(String value, String name) {
        try {
            return OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        catch (DateTimeParseException ex) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, name + " is not an ISO 8601 date-time with zone");
        }
    }

    private static Set<IncidentState> states(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        Set<IncidentState> states = EnumSet.noneOf(IncidentState.class);
        for (String s : split(status)) {
            switch (s) {
                case "open" -> states.addAll(IncidentState.OPEN);
                case "closed" -> states.addAll(EnumSet.complementOf(EnumSet.copyOf(IncidentState.OPEN)));
                default -> throw new Open311Error(HttpStatus.BAD_REQUEST, "status is open or closed, not " + s);
            }
        }
        return states;
    }

    private static List<String> split(String csv) {
        return new ArrayList<>(Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(zone)
            .toOffsetDateTime().format(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Map<String, Object> attribute(String code, String datatype, int order, String description,
            List<Map<String, Object>> values) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("variable", true);
        attribute.put("code", code);
        attribute.put("datatype", datatype);
        attribute.put("required", false);
        attribute.put("datatype_description", null);
        attribute.put("order", order);
        attribute.put("description", description);
        if (values != null) {
            attribute.put("values", values);
        }
        return attribute;
    }

    private static Map<String, Object> value(String key, String name) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("key", key);
        value.put("name", name);
        return value;
    }

    private static ResponseEntity<String> ok(Open311Format format, String body) {
        return ResponseEntity.ok().contentType(format.mediaType()).body(body);
    }
}
