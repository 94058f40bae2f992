package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import org.gridgov.shared.audit.Actor;
import org.gridgov.shared.audit.ActorProvider;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;


/**
 * Grid core on its own, for its integration tests (no security: that is web-app's). The data scope comes from
 * {@link TestScopes}: city-wide unless a test narrows it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GridCoreTestApplication {

    public static void main(String[] args) {
        SpringApplication.run(GridCoreTestApplication.class, args);
    }

    @Bean
    DataScopeProvider testDataScope() {
        return TestScopes::current;
    }

    @Bean
    ActorProvider testActor() {
        return () -> Actor.SYSTEM;
    }
}
