package org.gridgov.resident;

import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.gridgov.ApiLogin;
import org.gridgov.resident.IdNumbers;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A community with a general grid and two micro grids (A, B) side by side, a compound with one building whose
 * dwellings lie in A and in B, a grid worker for each micro grid and a community worker.
 */
public final class ResidentFixture {

    static final String PASSWORD = "resident-password-1";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(1);

    final int port;
    final HttpTestClient admin;
    JsonNode district;
    JsonNode community;
    JsonNode general;
    JsonNode microA;
    JsonNode microB;
    long compoundId;
    long buildingId;
    long dwellingA;
    long dwellingB;
    HttpTestClient workerA;
    HttpTestClient workerB;
    HttpTestClient communityWorker;
    String communityWorkerName;

    ResidentFixture(int port) {
        this.port = port;
        this.admin = ApiLogin.admin(port);
        double lng = 60 + (Unique.next() % 400) * 0.05;
        double lat = 20;
        district = grid("DISTRICT", null, lng, lat, 0.04);
        JsonNode street = grid("STREET", district, lng, lat, 0.03);
        community = grid("COMMUNITY", street, lng, lat, 0.02);
        general = grid("GENERAL_GRID", community, lng, lat, 0.01);
        microA = grid("MICRO_GRID", general, lng, lat, 0.004);
        microB = grid("MICRO_GRID", general, lng + 0.005, lat, 0.004);
        var compound = admin.post("/api/v1/compounds", "{\"code\":\"" + Unique.code("C") + "\",\"name\":\"锦江苑"
                + Unique.next() + "\",\"communityId\":" + id(community) + "}");
        assertThat(compound.status()).as(compound.toString()).isEqualTo(201);
        compoundId = compound.json().path("id").asLong();
        var building = admin.post("/api/v1/compounds/" + compoundId + "/buildings", "{\"code\":\"1\",\"name\":\"1栋\"}");
        assertThat(building.status()).as(building.toString()).isEqualTo(201);
        buildingId = building.json().path("id").asLong();
        dwellingA = dwelling("1", "101", id(microA));
        dwellingB = dwelling("2", "201", id(microB));
        workerA = login(account("GRID_WORKER", id(microA)));
        workerB = login(account("GRID_WORKER", id(microB)));
        communityWorkerName = account("COMMUNITY_WORKER", id(community));
        communityWorker = login(communityWorkerName);
    }

    static long id(JsonNode node) {
        return node.path("id").asLong();
    }

    long dwelling(String unit, String room, long gridId) {
        var created = admin.post("/api/v1/buildings/" + buildingId + "/dwellings",
                "{\"unit\":\"" + unit + "\",\"room\":\"" + room + "\",\"gridId\":" + gridId + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** A fresh valid resident ID number (unique per call across the JVM). */
    static String idNumber(LocalDate birth, boolean male) {
        int sequence = SEQUENCE.getAndIncrement() % 500 * 2 + (male ? 1 : 0);
        String region = String.format(Locale.ROOT, "51%04d", (Unique.next() + SEQUENCE.get()) % 10000);
        return IdNumbers.of(region, birth, sequence % 1000);
    }

    JsonNode resident(HttpTestClient client, String name, String idNumber, String phone, long dwellingId) {
        var created = client.post("/api/v1/residents", "{\"name\":\"" + name + "\",\"idNumber\":\"" + idNumber
                + "\",\"phone\":\"" + phone + "\",\"dwellingId\":" + dwellingId
                + ",\"relationToHead\":\"HEAD\",\"healthNote\":\"高血压，需每日服药\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    JsonNode grid(String type, JsonNode parent, double lng, double lat, double side) {
        String boundary = String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}", lng, lat,
                lng + side, lat, lng + side, lat + side, lng, lat + side, lng, lat);
        var created = admin.post("/api/v1/grids", "{\"code\":\"" + Unique.code("R") + "\",\"name\":\"居民测试" + type
                + "\",\"type\":\"" + type + "\"" + (parent == null ? "" : ",\"parentCode\":\""
                        + parent.path("code").asString() + "\"") + ",\"boundary\":" + boundary + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    String account(String role, long scopeNodeId) {
        String username = Unique.code("res" + role.toLowerCase(Locale.ROOT).replace("_", ""));
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"测试\","
                + "\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\",\"scopeNodeId\":" + scopeNodeId + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }

    HttpTestClient login(String username) {
        return ApiLogin.as(port, username, PASSWORD);
    }
}
