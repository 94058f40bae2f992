package org.gridgov.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The road past one PostgreSQL, tried on Citus (docs/SCALING.md): a coordinator and a worker of the
 * {@code citusdata/citus} image, every Flyway migration of the platform on the coordinator, step 1 of the plan
 * ({@code db/citus/reference-tables.sql}) and the shape of the platform's main reads across the reference tables.
 * <p>
 * Needs a Docker engine, which the project's machines and CI do not have, so it is not part of {@code ./mvnw verify}
 * (no failsafe default include matches the name) rather than a test skipped on every run. Where Docker runs:
 * {@code ./mvnw verify -pl web-app -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CitusPlanOnDocker}
 * (without a Docker engine it then reports itself skipped with the reason).
 */
class CitusPlanOnDocker {

    static final DockerImageName CITUS = DockerImageName.parse("citusdata/citus:12.1");

    static Network network;
    static GenericContainer<?> coordinator;
    static GenericContainer<?> worker;

    static final String NO_DOCKER = "No Docker engine answers: the Citus plan test (coordinator + worker of "
            + "citusdata/citus) is skipped here; run it where Docker runs (docs/SCALING.md)";

    @BeforeAll
    static void startCitus() {
        if (!dockerAnswers()) {
            System.out.println("SKIPPED CitusPlanOnDocker: " + NO_DOCKER);
            return; // each test reports the skip with the reason
        }
        network = Network.newNetwork();
        worker = citus("worker");
        worker.start();
        coordinator = citus("coordinator");
        coordinator.start();
    }

    @AfterAll
    static void stopCitus() {
        if (coordinator != null) {
            coordinator.stop();
        }
        if (worker != null) {
            worker.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static GenericContainer<?> citus(String alias) {
        return new GenericContainer<>(CITUS).withNetwork(network).withNetworkAliases(alias)
            .withEnv("POSTGRES_PASSWORD", "citus").withEnv("POSTGRES_DB", "gridgov").withExposedPorts(5432)
            .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\n", 2));
    }

    private static String url() {
        return "jdbc:postgresql://" + coordinator.getHost() + ":" + coordinator.getMappedPort(5432) + "/gridgov";
    }

    @Test
    void the_migrations_and_the_reference_tables_of_the_plan_run_on_a_coordinator_with_a_worker() throws Exception {
        assumeTrue(coordinator != null, NO_DOCKER);
        try (Connection connection = DriverManager.getConnection(url(), "postgres", "citus")) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            jdbc.queryForList("select citus_add_node('worker', 5432)");
            assertThat(jdbc.queryForObject("select count(*) from citus_get_active_worker_nodes()", Long.class))
                .isEqualTo(1);

            Flyway.configure().dataSource(url(), "postgres", "citus").locations("classpath:db/migration").load()
                .migrate();

            try (Statement statement = connection.createStatement()) {
                statement.execute(Files.readString(Path.of("../db/citus/reference-tables.sql")));
            }
            assertThat(jdbc.queryForList("select table_name::text from citus_tables where citus_table_type = "
                    + "'reference'", String.class)).contains("grid_node", "incident_category", "work_calendar_day");

            // the main read of the platform: a subtree's incidents by grid path range, joined to the grid tree
            assertThat(jdbc.queryForObject("""
                    select count(*) from incident i join grid_node n on n.id = i.grid_id
                     where i.grid_path >= '510116' and i.grid_path < '510117'""", Long.class)).isZero();
        }
    }
}
