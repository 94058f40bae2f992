package org.gridgov.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.gridgov.ApiLogin;
import org.gridgov.resident.IdNumbers;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;

/**
 * A little of everything the console's main pages show, seeded through the API as a day's work would leave it: a
 * grid tree with a named worker, a resident of a special group, an incident reported (assigned to the worker) and
 * escalated, a service record approved (so the ledger has a line with its rule), and accounts to look at it with.
 *
 * @param incident an incident reported in the micro grid and escalated once
 * @param resident a resident tagged ELDERLY_ALONE and LOW_INCOME
 * @param workerAccount the grid worker's points account (its ledger has the approved service's line)
 * @param residentUser a resident's login (password {@link AccountFixture#PASSWORD}), for the phone pages
 */
record ConsoleSeed(TestTree tree, long incident, long resident, long workerAccount, String residentUser,
        String workerName) {

    static ConsoleSeed seed(int port) {
        HttpTestClient admin = ApiLogin.admin(port);
        GridTreeFixture grids = new GridTreeFixture(admin);
        TestTree tree = grids.tree();
        String workerName = "王建国"; // the fixture's micro grid worker
        AccountFixture accounts = new AccountFixture(port, admin);
        String residentUser = accounts.account("RESIDENT", "");
        HttpTestClient reporter = AccountFixture.login(port, residentUser, AccountFixture.PASSWORD);
        HttpTestClient worker = accounts.staff("GRID_WORKER", tree.general().id());

        var reported = reporter.header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/incidents",
                "{\"category\":\"ENVIRONMENT\",\"description\":\"楼道堆放杂物\",\"gridCode\":\"" + tree.micro().code()
                        + "\"}");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        long incident = reported.json().path("incident").path("id").asLong();
        var escalated = admin.header("If-Match", admin.get("/api/v1/incidents/" + incident).header("ETag"))
            .post("/api/v1/incidents/" + incident + "/escalate", "{\"reason\":\"超出网格处置能力\"}");
        assertThat(escalated.status()).as(escalated.toString()).isEqualTo(200);

        long resident = resident(admin, tree);

        var service = worker.header("Idempotency-Key", UUID.randomUUID().toString())
            .post("/api/v1/points/service-records", "{\"typeCode\":\"HOME_VISIT\",\"description\":\"走访独居老人\","
                    + "\"gridCode\":\"" + tree.micro().code() + "\"}");
        assertThat(service.status()).as(service.toString()).isEqualTo(201);
        var approved = admin.post("/api/v1/points/service-records/" + service.json().path("id").asLong()
                + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        long workerAccount = worker.get("/api/v1/points/me").json().path("accountId").asLong();
        return new ConsoleSeed(tree, incident, resident, workerAccount, residentUser, workerName);
    }

    private static long resident(HttpTestClient admin, TestTree tree) {
        var compound = admin.post("/api/v1/compounds", "{\"code\":\"" + Unique.code("C") + "\",\"name\":\"锦江苑"
                + Unique.next() + "\",\"communityId\":" + tree.community().id() + "}");
        assertThat(compound.status()).as(compound.toString()).isEqualTo(201);
        var building = admin.post("/api/v1/compounds/" + compound.json().path("id").asLong() + "/buildings",
                "{\"code\":\"1\",\"name\":\"1栋\"}");
        assertThat(building.status()).as(building.toString()).isEqualTo(201);
        var dwelling = admin.post("/api/v1/buildings/" + building.json().path("id").asLong() + "/dwellings",
                "{\"unit\":\"1\",\"room\":\"101\",\"gridId\":" + tree.micro().id() + "}");
        assertThat(dwelling.status()).as(dwelling.toString()).isEqualTo(201);
        String idNumber = IdNumbers.of(String.format(Locale.ROOT, "51%04d", Unique.next() % 10000),
                LocalDate.of(1938, 5, 12), 123);
        var created = admin.post("/api/v1/residents", "{\"name\":\"张秀英\",\"idNumber\":\"" + idNumber
                + "\",\"phone\":\"13812345678\",\"dwellingId\":" + dwelling.json().path("id").asLong()
                + ",\"relationToHead\":\"HEAD\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        var tagged = admin.put("/api/v1/residents/" + id + "/tags", "{\"tags\":[\"ELDERLY_ALONE\",\"LOW_INCOME\"]}");
        assertThat(tagged.status()).as(tagged.toString()).isEqualTo(200);
        return id;
    }
}
