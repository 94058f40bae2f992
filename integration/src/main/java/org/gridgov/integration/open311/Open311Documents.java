package org.gridgov.integration.open311;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.incident.IncidentConfigService;
import org.gridgov.incident.IncidentContact;
import org.gridgov.incident.IncidentConfigService.CategoryView;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.IncidentView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What GeoReport v2 says about our things, as the ordered maps {@link Open311Format} writes: the discovery
 * document, services (the active incident categories) and their definitions, and requests (incidents: our states
 * map to {@code open}/{@code closed}, {@code expected_datetime} is the resolution deadline,
 * {@code agency_responsible} the grid level or summoned departments holding it). Times are in the city's zone.
 */
@Component
class Open311Documents {

    /** The states Open311 calls {@code closed}; every other is {@code open}. */
    /** Open311's {@code closed}: everything that is not {@link IncidentState#OPEN} (resolved included). */
    static final Set<IncidentState> CLOSED = Collections.unmodifiableSet(
            EnumSet.complementOf(EnumSet.copyOf(IncidentState.OPEN)));

    private final IncidentConfigService config;
    private final ZoneId zone;

    Open311Documents(IncidentConfigService config, @Value("${gridgov.open311.zone:Asia/Shanghai}") ZoneId zone) {
        this.config = config;
        this.zone = zone;
    }

    Map<String, Object> discovery(String base) {
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
        return document;
    }

    /** The service list: every active incident category. */
    List<Map<String, Object>> services() {
        return activeCategories().map(this::service).toList();
    }

    /** The definition of an active category's service: the attributes a request of it may carry. */
    Optional<Map<String, Object>> serviceDefinition(String code) {
        return activeCategories().filter(c -> c.code().equals(code)).findFirst().map(category -> {
            Map<String, Object> anonymous = attribute("anonymous", "singlevaluelist", 1,
                    "Hide the reporter from the staff handling it (匿名)",
                    List.of(value("true", "anonymous"), value("false", "named")));
            Map<String, Object> grid = attribute("grid_code", "string", 2,
                    "Grid code (网格编码) where the problem is, when no lat/long is given", null);
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("service_code", category.code());
            definition.put("attributes", List.of(anonymous, grid));
            return definition;
        });
    }

    /** The answer to a posted request: its id (the tracking code) and the token to look it up by. */
    Map<String, Object> created(IncidentView incident, String token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", incident.trackingCode());
        answer.put("token", token);
        answer.put("service_notice", "expected by " + time(incident.expectedResolutionAt()));
        answer.put("account_id", null);
        return answer;
    }

    /** The answer to a token look-up. */
    Map<String, Object> token(IncidentView incident, String token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", incident.trackingCode());
        answer.put("token", token);
        return answer;
    }

    /** A request with the contact its client posted (Open311's round trip), added only when there is one. */
    Map<String, Object> request(IncidentView incident, IncidentContact contact) {
        Map<String, Object> request = request(incident);
        if (contact != null) {
            request.put("email", contact.email());
            request.put("phone", contact.phone());
            request.put("first_name", contact.firstName());
            request.put("last_name", contact.lastName());
            request.put("device_id", contact.deviceId());
        }
        return request;
    }

    Map<String, Object> request(IncidentView incident) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", incident.trackingCode());
        request.put("status", CLOSED.contains(incident.state()) ? "closed" : "open");
        request.put("status_notes", incident.rejectionReason() != null ? incident.rejectionReason()
                : incident.state().name());
        request.put("service_name", incident.categoryName());
        request.put("service_code", incident.category());
        request.put("description", incident.description());
        request.put("agency_responsible", agency(incident));
        request.put("service_notice", null);
        request.put("requested_datetime", time(incident.createdAt()));
        request.put("updated_datetime", time(Stream.of(incident.createdAt(), incident.acceptedAt(),
                incident.resolvedAt(), incident.closedAt()).filter(Objects::nonNull)
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

    /** An error of the spec's error list. */
    static Map<String, Object> error(int code, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        return error;
    }

    private Stream<CategoryView> activeCategories() {
        return config.categories().stream().filter(CategoryView::active);
    }

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

    private static String agency(IncidentView incident) {
        if (incident.state() == IncidentState.WHISTLED && !incident.summons().isEmpty()) {
            return (incident.holder() == null ? "" : incident.holder().name() + " + ") + incident.summons().size()
                    + " 个部门";
        }
        GridNodeRef holder = incident.holder();
        return holder == null ? null : holder.name();
    }

    private String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone)
            .toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
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
}
