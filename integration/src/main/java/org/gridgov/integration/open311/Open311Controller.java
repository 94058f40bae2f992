package org.gridgov.integration.open311;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.json.JsonMapper;

import org.gridgov.incident.IncidentContact;
import org.gridgov.incident.IncidentContacts;
import org.gridgov.incident.IncidentSearch;
import org.gridgov.incident.IncidentQueries;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.IncidentView;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the incident module: services are incident
 * categories, a request is an incident (source {@code EXTERNAL}) that lives its full lifecycle. Discovery and
 * services are public; requests and tokens need an {@code api_key} (issued per integrator client) and show what
 * that client's scope covers. Errors are the spec's list of {@code code}/{@code description}. What a posted request
 * becomes is {@link Open311Intake}; what the documents say, {@link Open311Documents}; their JSON and XML,
 * {@link Open311Format}.
 */
@RestController
@Tag(name = "Open311 GeoReport v2")
class Open311Controller {

    static final int MAX_REQUESTS = 1000;
    static final Duration MAX_RANGE = Duration.ofDays(90);

    private final IncidentQueries incidents;
    private final Open311Intake intake;
    private final Open311Documents documents;
    private final JsonMapper json;
    private final IncidentContacts contacts;

    Open311Controller(IncidentQueries incidents, Open311Intake intake, Open311Documents documents, JsonMapper json,
            IncidentContacts contacts) {
        this.contacts = contacts;
        this.incidents = incidents;
        this.intake = intake;
        this.documents = documents;
        this.json = json;
    }

    // ---------------------------------------------------------------------------------------------- discovery

    @GetMapping("/open311/v2/discovery.{format}")
    @Operation(summary = "Open311 discovery", description = "Where the GeoReport v2 endpoint is and what it speaks.")
    ResponseEntity<String> discovery(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        String base = request.getRequestURL().toString().replaceFirst("/discovery\\.[a-z]+$", "/");
        return ok(f, f.object(json, "discovery", documents.discovery(base)));
    }

    // ----------------------------------------------------------------------------------------------- services

    @GetMapping("/open311/v2/services.{format}")
    @Operation(summary = "Open311 service list", description = "The incident categories, active ones only.")
    ResponseEntity<String> services(@PathVariable String format) {
        Open311Format f = format(format);
        return ok(f, f.list(json, "services", "service", documents.services()));
    }

    @GetMapping("/open311/v2/services/{code}.{format}")
    @Operation(summary = "Open311 service definition", description = "The attributes a request of this category "
            + "may carry: attribute[anonymous] and attribute[grid_code].")
    ResponseEntity<String> service(@PathVariable String code, @PathVariable String format) {
        Open311Format f = format(format);
        var definition = documents.serviceDefinition(code)
            .orElseThrow(() -> new Open311Error(HttpStatus.NOT_FOUND, "service_code " + code + " not found"));
        return ok(f, f.object(json, "service_definition", definition));
    }

    // ----------------------------------------------------------------------------------------------- requests

    @PostMapping(path = "/open311/v2/requests.{format}")
    @Operation(summary = "Open311 create request", description = "Form-encoded. Needs api_key, service_code and "
            + "lat+long, attribute[grid_code] or address_string (an address alone routes the incident to the "
            + "client's own level for manual location); description up to 4,000 characters. Answers the tracking "
            + "code as service_request_id, and a token for GET tokens/{token}. Honours Idempotency-Key.")
    ResponseEntity<String> create(@PathVariable String format, @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request) {
        Open311Format f = format(format);
        requireApiKey(request);
        Open311Intake.Reported reported = intake.report(form, idempotencyKey);
        return ResponseEntity.status(HttpStatus.CREATED).contentType(f.mediaType())
            .body(f.list(json, "service_requests", "request",
                    List.of(documents.created(reported.incident(), reported.token()))));
    }

    @GetMapping("/open311/v2/tokens/{token}.{format}")
    @Operation(summary = "Open311 request id from a token", description = "The service_request_id of a request "
            + "this api_key posted with that token.")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        requireApiKey(request);
        IncidentView found = incidents.search(new IncidentSearch(null, null, null, null, null, token, 1)).stream()
            .findFirst().orElseThrow(() -> new Open311Error(HttpStatus.NOT_FOUND, "token " + token + " not found"));
        return ok(f, f.list(json, "service_requests", "request", List.of(documents.token(found, token))));
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
        return ok(f, f.list(json, "service_requests", "request", found.stream().map(documents::request).toList()));
    }

    @GetMapping("/open311/v2/requests/{id}.{format}")
    @Operation(summary = "Open311 one request", description = "By service_request_id (the tracking code). To the "
            + "client that posted it, with the contact fields it posted (email, phone, first_name, last_name, "
            + "device_id) — each such answer is audited as a reveal; other clients never see them.")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        requireApiKey(request);
        List<IncidentView> found = incidents.search(new IncidentSearch(List.of(id), null, null, null, null, null, 1));
        if (found.isEmpty()) {
            throw new Open311Error(HttpStatus.NOT_FOUND, "service_request_id " + id + " not found");
        }
        IncidentContact contact = contacts.ofOwnReport(found.get(0).id());
        return ok(f, f.list(json, "service_requests", "request",
                List.of(documents.request(found.get(0), contact))));
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
        return ResponseEntity.status(status).contentType(f.mediaType())
            .body(f.list(json, "errors", "error", List.of(Open311Documents.error(status.value(), description))));
    }

    // ---------------------------------------------------------------------------------------------- helpers

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
                case "closed" -> states.addAll(Open311Documents.CLOSED);
                default -> throw new Open311Error(HttpStatus.BAD_REQUEST, "status is open or closed, not " + s);
            }
        }
        return states;
    }

    private static List<String> split(String csv) {
        return new ArrayList<>(Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private static ResponseEntity<String> ok(Open311Format format, String body) {
        return ResponseEntity.ok().contentType(format.mediaType()).body(body);
    }
}
