package org.gridgov.grid;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helper that drives the grid API as a client would: builds small trees with unique codes, so tests share the
 * JVM's database without cleaning up.
 */
public final class GridApi {

    private final HttpTestClient http;

    public GridApi(HttpTestClient http) {
        this.http = http;
    }

    private static final java.util.concurrent.atomic.AtomicInteger AREAS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A fresh 3°×3° area inside China that no other test of this JVM uses, as its south-west corner [lng, lat]:
     * locate tests must not see each other's grids.
     */
    public static double[] freshArea() {
        int n = AREAS.getAndIncrement();
        return new double[] { 75 + (n % 18) * 3.2, 21 + (n / 18) * 3.2 };
    }

    /** A square polygon [lng, lat] from its south-west corner and side, as GeoJSON. */
    public static String square(double lng, double lat, double side) {
        return rectangle(lng, lat, lng + side, lat + side);
    }

    public static String rectangle(double minLng, double minLat, double maxLng, double maxLat) {
        return String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}",
                minLng, minLat, maxLng, minLat, maxLng, maxLat, minLng, maxLat, minLng, minLat);
    }

    public HttpTestClient.Response tryCreate(String code, String name, String type, String parentCode, String boundary) {
        StringBuilder body = new StringBuilder("{\"code\":\"").append(code).append("\",\"name\":\"").append(name)
            .append("\",\"type\":\"").append(type).append('"');
        if (parentCode != null) {
            body.append(",\"parentCode\":\"").append(parentCode).append('"');
        }
        if (boundary != null) {
            body.append(",\"boundary\":").append(boundary);
        }
        return http.post("/api/v1/grids", body.append('}').toString());
    }

    public JsonNode create(String type, String parentCode, String boundary) {
        String code = Unique.code(type.substring(0, 1));
        var response = tryCreate(code, type + " " + code, type, parentCode, boundary);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** A district → street → community chain; the community covers [lng, lat]–[lng+1, lat+1]. */
    public Tree tree(double lng, double lat) {
        JsonNode district = create("DISTRICT", null, square(lng - 1, lat - 1, 3));
        JsonNode street = create("STREET", district.path("code").asString(), square(lng - 0.5, lat - 0.5, 2));
        JsonNode community = create("COMMUNITY", street.path("code").asString(), square(lng, lat, 1));
        return new Tree(district, street, community);
    }

    public record Tree(JsonNode district, JsonNode street, JsonNode community) {

        public String communityCode() {
            return community.path("code").asString();
        }
    }

    public static long id(JsonNode node) {
        return node.path("id").asLong();
    }

    public static String code(JsonNode node) {
        return node.path("code").asString();
    }
}
