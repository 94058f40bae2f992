package org.gridgov.platform.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The Open311 GeoReport v2 section as the endpoints really behave (springdoc sees only {@code ResponseEntity<String>}
 * and a {@code MultiValueMap}): form-encoded requests, JSON and XML answers described, the spec's error list
 * ({@code [{"code","description"}]}) for 400/403/404, the {@code api_key} scheme, and the jurisdiction extensions
 * (contact fields, {@code coord_system}).
 */
final class Open311Spec {

    static final String PREFIX = "/open311/v2/";
    static final String API_KEY = "open311ApiKey";

    private Open311Spec() {
    }

    static void apply(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getComponents().addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.QUERY).name("api_key").description("Open311 api_key issued for an integrator client "
                    + "(POST /api/v1/integrator-clients/{clientId}/open311-key); in the query, or the form body of a POST"));
        openApi.getComponents().addSchemas("Open311Error", errorSchema());
        openApi.getComponents().addSchemas("Open311Request", requestSchema());
        openApi.getComponents().addSchemas("Open311Created", createdSchema());
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith(PREFIX)) {
                item.readOperationsMap().forEach((method, operation) -> operation(path, method, operation));
            }
        });
    }

    private static void operation(String path, PathItem.HttpMethod method, Operation operation) {
        boolean keyed = path.contains("/requests") || path.contains("/tokens/");
        List<Parameter> parameters = new ArrayList<>();
        for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of()
                : operation.getParameters()) {
            if ("path".equals(parameter.getIn()) && "format".equals(parameter.getName())) {
                parameter.setSchema(new StringSchema()._enum(List.of("json", "xml")));
                parameter.setDescription("json (application/json) or xml (text/xml)");
                parameter.setExample("json");
            }
            if (!"form".equals(parameter.getName())) {
                parameters.add(parameter);
            }
        }
        if (keyed && method == PathItem.HttpMethod.GET) {
            parameters.add(new Parameter().in("query").name("api_key").required(true)
                .description("the client's Open311 key").schema(new StringSchema()));
        }
        operation.setParameters(parameters);
        operation.setSecurity(keyed ? List.of(new SecurityRequirement().addList(API_KEY)) : List.of());

        Schema<?> success;
        if (path.contains("/discovery.")) {
            success = new ObjectSchema().description("the discovery document");
        }
        else if (path.contains("/services/")) {
            success = new ObjectSchema().description("the service definition: service_code and attributes[]");
        }
        else if (path.contains("/services.")) {
            success = new ArraySchema().items(new ObjectSchema().description("service_code, service_name, "
                    + "description, metadata, type, keywords, group"));
        }
        else if (method == PathItem.HttpMethod.POST) {
            success = new ArraySchema().items(ref("Open311Created"));
            operation.setRequestBody(formBody());
        }
        else {
            success = new ArraySchema().items(ref("Open311Request"));
        }
        ApiResponses responses = new ApiResponses();
        responses.addApiResponse(method == PathItem.HttpMethod.POST ? "201" : "200", new ApiResponse()
            .description(method == PathItem.HttpMethod.POST ? "Created: the request's id and token" : "OK")
            .content(bothFormats(success, "service_requests")));
        responses.addApiResponse("400", error("Invalid input: the description says which field and why"));
        if (keyed) {
            responses.addApiResponse("403", error("Missing or wrong api_key, or a location outside the client's "
                    + "part of the grid tree"));
        }
        responses.addApiResponse("404", error("Unknown request, token, service or format"));
        ApiResponse serverError = operation.getResponses() == null ? null : operation.getResponses().get("500");
        if (serverError != null) {
            responses.addApiResponse("500", serverError);
        }
        operation.setResponses(responses);
    }

    private static RequestBody formBody() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("api_key", new StringSchema().description("the client's Open311 key").example("o311_…"));
        properties.put("service_code", new StringSchema().description("an incident category (services.json)")
            .example("PUBLIC_FACILITY"));
        properties.put("lat", ContractTruth.typed("number").description("latitude, in coord_system")
            .example(30.5725));
        properties.put("long", ContractTruth.typed("number").description("longitude, in coord_system")
            .example(103.935));
        properties.put("coord_system", new StringSchema()._enum(List.of("WGS84", "GCJ02", "BD09"))
            .description("Jurisdiction extension: the datum of lat/long. WGS84 (GPS, the default), GCJ02 (Amap, "
                    + "Tencent, WeChat location), BD09 (Baidu). Converted to WGS84 before the point is located.")
            .example("GCJ02"));
        properties.put("address_string", new StringSchema().description("an address; alone it routes the request "
                + "to the client's own level for manual location").example("三义桥社区 3 栋"));
        properties.put("attribute[grid_code]", new StringSchema().description("the grid, instead of a point")
            .example("510116001003G01M01"));
        properties.put("attribute[anonymous]", new StringSchema()._enum(List.of("true", "false"))
            .description("true hides the reporter from the staff handling it").example("false"));
        properties.put("description", new StringSchema().maxLength(4000).example("3 栋旁路灯不亮"));
        properties.put("media_url", new StringSchema().description("kept in the description, never fetched")
            .example("https://example.org/photo.jpg"));
        properties.put("email", new StringSchema().maxLength(254).description("the caller's e-mail, kept for the "
                + "call-back: encrypted, masked to staff in scope, in full only by an audited reveal — and to the "
                + "posting client on GET requests/{id}")
            .example("li.ming@example.org"));
        properties.put("phone", new StringSchema().maxLength(32).description("the caller's phone, as email")
            .example("13800138000"));
        properties.put("first_name", new StringSchema().maxLength(50).description("the caller's given name, as email")
            .example("明"));
        properties.put("last_name", new StringSchema().maxLength(50).description("the caller's family name, as email")
            .example("李"));
        properties.put("device_id", new StringSchema().maxLength(64).description("the reporting device, kept "
                + "with the contact (as email)").example("app:7f3c2a91"));
        ObjectSchema form = new ObjectSchema();
        form.setProperties(properties);
        form.setRequired(new ArrayList<>(List.of("api_key", "service_code")));
        form.description("GeoReport v2 POST requests, form-encoded. One location is needed: lat+long, "
                + "attribute[grid_code] or address_string.");
        return new RequestBody().required(true).content(new Content()
            .addMediaType("application/x-www-form-urlencoded", new MediaType().schema(form)));
    }

    private static Content bothFormats(Schema<?> json, String xmlRoot) {
        return new Content().addMediaType("application/json", new MediaType().schema(json))
            .addMediaType("text/xml", new MediaType().schema(new StringSchema()
                .description("the same document as XML, root <" + xmlRoot + ">")));
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content()
            .addMediaType("application/json", new MediaType().schema(new ArraySchema().items(ref("Open311Error")))
                .example(List.of(ordered("code", 400, "description", "service_code is required"))))
            .addMediaType("text/xml", new MediaType().schema(new StringSchema()
                .description("<errors><error><code>…</code><description>…</description></error></errors>"))));
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    /**
     * A two-entry map in the order given: {@code Map.of} iterates in an order salted per JVM, which made the published
     * spec differ from run to run.
     */
    private static <V> Map<String, V> ordered(String k1, V v1, String k2, V v2) {
        Map<String, V> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static Schema<?> errorSchema() {
        ObjectSchema error = new ObjectSchema();
        error.setProperties(ordered("code", ContractTruth.typed("integer").example(400),
                "description", new StringSchema().example("start_date is after end_date")));
        error.setRequired(new ArrayList<>(List.of("code", "description")));
        return error;
    }

    private static Schema<?> createdSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("service_request_id", new StringSchema().description("the tracking code")
            .example("SS261201-5XLUCA"));
        properties.put("token", new StringSchema().description("GET tokens/{token} finds the request"));
        properties.put("service_notice", nullableString("when it is expected to be resolved"));
        properties.put("account_id", nullableString("always null"));
        ObjectSchema created = new ObjectSchema();
        created.setProperties(properties);
        created.setRequired(new ArrayList<>(List.of("service_request_id", "token")));
        return created;
    }

    private static Schema<?> requestSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("service_request_id", new StringSchema().example("SS261201-5XLUCA"));
        properties.put("status", new StringSchema()._enum(List.of("open", "closed")));
        for (String name : List.of("status_notes", "service_name", "service_code", "description",
                "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
                "address", "address_id", "zipcode", "media_url", "token")) {
            properties.put(name, nullableString(null));
        }
        properties.put("lat", nullableNumber());
        properties.put("long", nullableNumber());
        for (String name : List.of("email", "phone", "first_name", "last_name", "device_id")) {
            properties.put(name, nullableString("requests/{id} only, to the client that posted it: the contact it "
                    + "sent (audited as a reveal); absent for everyone else"));
        }
        ObjectSchema request = new ObjectSchema();
        request.setProperties(properties);
        request.setRequired(new ArrayList<>(List.of("service_request_id")));
        return request;
    }

    private static Schema<?> nullableString(String description) {
        Schema<?> schema = new Schema<>();
        schema.setTypes(new LinkedHashSet<>(java.util.List.of("string", "null")));
        return description == null ? schema : schema.description(description);
    }

    private static Schema<?> nullableNumber() {
        Schema<?> schema = new Schema<>();
        schema.setTypes(new LinkedHashSet<>(java.util.List.of("number", "null")));
        return schema;
    }
}
