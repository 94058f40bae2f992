package org.gridgov.resident;

import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.Unique;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A community with a general grid and two micro grids (A, B) side by side, a compound with one building whose
 * dwellings lie in A and in B, a grid worker for each micro grid and a community worker — each a {@link TestCaller}.
 */
public final class ResidentFixture {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(1);

    final int port;
    final HttpTestClient admin;
    final TestTree tree;
    TestTree.Node community;
    TestTree.Node general;
    TestTree.Node microA;
    TestTree.Node microB;
    long compoundId;
    long buildingId;
    long dwellingA;
    long dwellingB;
    HttpTestClient workerA;
    HttpTestClient workerB;
    HttpTestClient communityWorker;
    TestCaller communityCaller;
    String communityWorkerName;

    ResidentFixture(int port) {
        this.port = port;
        this.admin = HttpTestClient.at(port).as(TestCaller.admin());
        GridTreeFixture grids = new GridTreeFixture(admin);
        tree = grids.tree();
        community = tree.community();
        general = tree.general();
        microA = tree.micro();
        // B beside A inside the general grid: A is the square of side 0.005 whose centre is the tree's point
        var micro = grids.tryCreate(null, "MICRO_GRID", general.code(),
                GridTreeFixture.square(tree.lng() + 0.0045, tree.lat() - 0.0025, 0.005));
        assertThat(micro.status()).as(micro.toString()).isEqualTo(201);
        String code = GridTreeFixture.code(micro.json());
        microB = new TestTree.Node(GridTreeFixture.id(micro.json()), code);
        var compound = admin.post("/api/v1/compounds", "{\"code\":\"" + Unique.code("C") + "\",\"name\":\"锦江苑"
                + Unique.next() + "\",\"communityId\":" + community.id() + "}");
        assertThat(compound.status()).as(compound.toString()).isEqualTo(201);
        compoundId = compound.json().path("id").asLong();
        var building = admin.post("/api/v1/compounds/" + compoundId + "/buildings", "{\"code\":\"1\",\"name\":\"1栋\"}");
        assertThat(building.status()).as(building.toString()).isEqualTo(201);
        buildingId = building.json().path("id").asLong();
        dwellingA = dwelling("1", "101", microA.id());
        dwellingB = dwelling("2", "201", microB.id());
        HttpTestClient http = HttpTestClient.at(port);
        workerA = http.as(TestCaller.gridWorker(microA.id()));
        workerB = http.as(TestCaller.gridWorker(microB.id()));
        communityCaller = TestCaller.communityWorker(community.id());
        communityWorkerName = communityCaller.username();
        communityWorker = http.as(communityCaller);
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
}
