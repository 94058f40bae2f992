package org.gridgov.resident;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.shared.housing.DwellingLocations;
import org.gridgov.shared.housing.DwellingLocations.DwellingLocation;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resident-service's side of the {@link DwellingLocations} port, read by the 15-minute life circle: a dwelling lies
 * where its building stands, else where its compound's gate is; the room never leaves the module unmasked. Locations
 * are set by the managers of the compound's community only, refused naming the field when off the globe.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DwellingLocationsIT {

    @LocalServerPort
    int port;

    @Autowired
    DwellingLocations locations;

    @Autowired
    JdbcTemplate jdbc;

    ResidentFixture f;

    @BeforeEach
    void setUp() {
        f = new ResidentFixture(port);
    }

    String communityPath() {
        return jdbc.queryForObject("select path from grid_node where id = ?", String.class, f.community.id());
    }

    @Test
    void a_dwelling_lies_where_its_building_stands_else_where_its_compound_is_and_its_room_is_masked() {
        assertThat(locations.under(communityPath())).hasSize(2).allSatisfy(d -> assertThat(d.located()).isFalse());

        var gate = f.communityWorker.put("/api/v1/compounds/" + f.compoundId + "/location",
                "{\"lat\":30.65,\"lng\":104.05}");
        assertThat(gate.status()).as(gate.toString()).isEqualTo(200);
        assertThat(locations.under(communityPath())).allSatisfy(d -> {
            assertThat(d.lat()).isEqualTo(30.65);
            assertThat(d.lng()).isEqualTo(104.05);
        });

        var building = f.communityWorker.put("/api/v1/compounds/" + f.compoundId + "/buildings/" + f.buildingId
                + "/location", "{\"lat\":30.66,\"lng\":104.06}");
        assertThat(building.status()).as(building.toString()).isEqualTo(200);
        List<DwellingLocation> dwellings = locations.under(communityPath());
        assertThat(dwellings).extracting(DwellingLocation::dwellingId).containsExactly(f.dwellingA, f.dwellingB);
        assertThat(dwellings).allSatisfy(d -> {
            assertThat(d.lat()).isEqualTo(30.66);
            // compound, building and unit, the room withheld (matched whole: the generated compound name may
            // itself contain "101" or "201")
            assertThat(d.maskedAddress()).matches("锦江苑\\d+ 1栋 [12]单元 \\*\\*\\*");
        });
        // a micro grid's subtree holds only its own dwelling
        String microA = jdbc.queryForObject("select path from grid_node where id = ?", String.class, f.microA.id());
        assertThat(locations.under(microA)).extracting(DwellingLocation::dwellingId).containsExactly(f.dwellingA);
    }

    @Test
    void only_the_communitys_managers_locate_its_compound_and_a_latitude_off_the_globe_names_the_field() {
        var grids = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin()));
        var other = HttpTestClient.at(port).as(TestCaller.communityWorker(grids.tree().community().id()));
        assertThat(other.put("/api/v1/compounds/" + f.compoundId + "/location", "{\"lat\":30.65,\"lng\":104.05}")
            .status()).isEqualTo(404);
        assertThat(f.workerA.put("/api/v1/compounds/" + f.compoundId + "/location", "{\"lat\":30.65,\"lng\":104.05}")
            .status()).isEqualTo(403);
        var offGlobe = f.communityWorker.put("/api/v1/compounds/" + f.compoundId + "/location",
                "{\"lat\":95,\"lng\":104.05}");
        assertThat(offGlobe.status()).isEqualTo(400);
        assertThat(offGlobe.json().path("errors").get(0).path("field").asString()).isEqualTo("lat");
        assertThat(jdbc.queryForObject("select lat from resident_compound where id = ?", Double.class, f.compoundId))
            .isNull();
    }
}
