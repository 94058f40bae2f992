package org.gridgov.testing;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.shared.audit.Actor;
import org.gridgov.shared.audit.ActorProvider;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.gridgov.shared.security.Role;
import org.gridgov.testsupport.TestCaller;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Caller, data scope and audit actor for a module's own test application, which has no login (identity and the
 * security filters are the web app's). A request's {@code X-Test-Caller} header ({@link TestCaller}) says who calls;
 * its data scope is resolved the way identity resolves a real account's: administrators and unscoped integrators see
 * everything, staff the subtree of their grid, department staff the subtree of their department's node, residents
 * and merchants nothing of the tree. Without the header the caller is the system and the scope is
 * {@link TestScopes#current()}. Import it in the module's {@code @SpringBootApplication} for tests.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestCallerConfiguration {

    @Bean
    CallerProvider testCallerProvider() {
        return () -> {
            TestCaller caller = requestCaller();
            return caller == null ? Caller.SYSTEM
                    : new Caller(caller.accountId(), caller.username(), Role.valueOf(caller.role()),
                            caller.scopeNodeId(), caller.departmentId(), caller.partnerId());
        };
    }

    @Bean
    DataScopeProvider testDataScopeProvider(JdbcTemplate jdbc) {
        return () -> {
            TestCaller caller = requestCaller();
            return caller == null ? TestScopes.current() : scopeOf(caller, jdbc);
        };
    }

    @Bean
    ActorProvider testActorProvider() {
        return () -> {
            TestCaller caller = requestCaller();
            return caller == null ? Actor.SYSTEM : new Actor(caller.username(), caller.role(), "127.0.0.1");
        };
    }

    /** The caller named by the current request's header, or null outside a request or without one. */
    public static TestCaller requestCaller() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String header = request.getHeader(TestCaller.HEADER);
            return header == null || header.isBlank() ? null : TestCaller.parse(header);
        }
        return null;
    }

    static DataScope scopeOf(TestCaller caller, JdbcTemplate jdbc) {
        return switch (Role.valueOf(caller.role())) {
            case SYSTEM_ADMIN -> DataScope.all();
            case INTEGRATOR -> caller.scopeNodeId() == null ? DataScope.all() : subtree(caller.scopeNodeId(), jdbc);
            case DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER, GRID_WORKER -> subtree(caller.scopeNodeId(), jdbc);
            case DEPARTMENT_STAFF -> {
                List<Long> node = caller.departmentId() == null ? List.of()
                        : jdbc.queryForList("select node_id from department where id = ?", Long.class,
                                caller.departmentId());
                yield node.isEmpty() ? DataScope.none() : subtree(node.get(0), jdbc);
            }
            case MERCHANT, RESIDENT -> DataScope.none();
        };
    }

    private static DataScope subtree(Long nodeId, JdbcTemplate jdbc) {
        if (nodeId == null) {
            return DataScope.none();
        }
        List<String> path = jdbc.queryForList("select path from grid_node where id = ?", String.class, nodeId);
        return path.isEmpty() ? DataScope.none() : DataScope.subtree(nodeId, path.get(0));
    }
}
