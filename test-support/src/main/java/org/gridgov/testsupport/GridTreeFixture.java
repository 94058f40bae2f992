package org.gridgov.testsupport;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds grid trees through the grid API, as a client would: every tree in a fresh {@link TestAreas#small() area},
 * each level's boundary nested inside its parent's, unique codes — so tests share the JVM's database without
 * cleaning up. Works against any application that serves {@code /api/v1/grids} (grid core's test application, a
 * module's, the whole platform) with a client allowed to create grids.
 */
public final class GridTreeFixture {

    private final HttpTestClient client;

    public GridTreeFixture(HttpTestClient client) {
        this.client = client;
    }

    /**
     * A district → street → community → general grid → micro grid tree in a fresh area, with a micro-grid worker
     * 王建国 on duty. Each level is a square inside its parent's; {@link TestTree#pointInMicro()} lies in the micro
     * grid.
     */
    public TestTree tree() {
        double[] sw = TestAreas.small();
        double lng = sw[0] + 0.005;
        double lat = sw[1] + 0.005;
        JsonNode district = create("DISTRICT", null, square(lng, lat, 0.08));
        JsonNode street = create("STREET", district, square(lng + 0.005, lat + 0.005, 0.06));
        JsonNode community = create("COMMUNITY", street, square(lng + 0.01, lat + 0.01, 0.04));
        JsonNode general = create("GENERAL_GRID", community, square(lng + 0.015, lat + 0.015, 0.02));
        JsonNode micro = create("MICRO_GRID", general, square(lng + 0.02, lat + 0.02, 0.005));
        staff(id(micro), "王建国", "MICRO_GRID_WORKER", true);
        return new TestTree(node(district), node(street), node(community), node(general), node(micro),
                lng + 0.0225, lat + 0.0225);
    }

    /** Creates a grid under {@code parent} (null for a district) and returns the created node. */
    public JsonNode create(String type, JsonNode parent, String boundary) {
        var response = tryCreate(codeFor(type, parent), type, parent == null ? null : code(parent), boundary);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /**
     * A code that keeps the platform's code rule: a fresh city code, a fresh district code (under a city: the city's
     * first 4 digits and the next 2), the parent's code and the next 3 digits for
     * streets and communities, none below (the platform generates it).
     */
    public static String codeFor(String type, JsonNode parent) {
        return codeFor(type, parent == null ? null : code(parent));
    }

    /** {@link #codeFor(String, JsonNode)} by the parent's code. */
    public static String codeFor(String type, String parentCode) {
        return switch (type) {
            case "CITY" -> Unique.cityCode();
            case "DISTRICT" -> parentCode == null ? Unique.districtCode() : parentCode.substring(0, 4) + String.format(
                    java.util.Locale.ROOT, "%02d", CHILDREN.computeIfAbsent(parentCode,
                            k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet());
            case "STREET", "COMMUNITY" -> {
                int next = CHILDREN.computeIfAbsent(parentCode, k -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
                yield parentCode + String.format(java.util.Locale.ROOT, "%03d", next);
            }
            default -> null;
        };
    }

    /**
     * The {@code "code":"…",} member of a create request for a grid of {@code type} under {@code parentCode} (null for
     * a district), keeping the code rule; empty below the community, where the platform generates the code.
     */
    public static String codeProperty(String type, String parentCode) {
        String code = codeFor(type, parentCode);
        return code == null ? "" : "\"code\":\"" + code + "\",";
    }

    /** Streets/communities handed out per parent code in this JVM run. */
    private static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> CHILDREN =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Creates a grid; a null {@code code} leaves it to the platform (grids below the community). */
    public HttpTestClient.Response tryCreate(String code, String type, String parentCode, String boundary) {
        StringBuilder body = new StringBuilder("{");
        if (code != null) {
            body.append("\"code\":\"").append(code).append("\",");
        }
        body.append("\"name\":\"").append(type).append(' ').append(code == null ? Unique.next() : code)
            .append("\",\"type\":\"").append(type).append('"');
        if (parentCode != null) {
            body.append(",\"parentCode\":\"").append(parentCode).append('"');
        }
        if (boundary != null) {
            body.append(",\"boundary\":").append(boundary);
        }
        return client.post("/api/v1/grids", body.append('}').toString());
    }

    /** Puts a person on duty in a grid and returns the assignment's id. */
    public long staff(long nodeId, String personName, String staffRole, boolean primary) {
        var response = client.post("/api/v1/grids/" + nodeId + "/staff", "{\"personName\":\"" + personName
                + "\",\"role\":\"" + staffRole + "\",\"primaryWorker\":" + primary + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    /** A department (燃气站, 住建…) at a street or district node; returns its id. */
    public long department(long nodeId, String kind, String name) {
        var response = client.post("/api/v1/departments", "{\"code\":\"" + Unique.code(kind) + "\",\"name\":\"" + name
                + "\",\"kind\":\"" + kind + "\",\"nodeId\":" + nodeId + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    /** A square polygon from its south-west corner [lng, lat] and side in degrees, as GeoJSON. */
    public static String square(double lng, double lat, double side) {
        return rectangle(lng, lat, lng + side, lat + side);
    }

    public static String rectangle(double minLng, double minLat, double maxLng, double maxLat) {
        return String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}",
                minLng, minLat, maxLng, minLat, maxLng, maxLat, minLng, maxLat, minLng, minLat);
    }

    public static long id(JsonNode node) {
        return node.path("id").asLong();
    }

    public static String code(JsonNode node) {
        return node.path("code").asString();
    }

    private static TestTree.Node node(JsonNode json) {
        return new TestTree.Node(id(json), code(json));
    }

    /** A five-level tree and a point inside its micro grid. */
    public record TestTree(Node district, Node street, Node community, Node general, Node micro, double lng,
            double lat) {

        public record Node(long id, String code) {
        }

        /** A point [lng, lat] inside the micro grid (and so inside every level above it). */
        public double[] pointInMicro() {
            return new double[] { lng, lat };
        }
    }
}
