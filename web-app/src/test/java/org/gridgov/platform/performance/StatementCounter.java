package org.gridgov.platform.performance;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every SQL statement sent to PostgreSQL by the thread that serves an HTTP request, whatever sent it (JPA,
 * JdbcTemplate, native queries, filters): the data source is wrapped at the JDBC level, and a request carrying
 * {@link #HEADER} has what its thread executed recorded under the header's value. Each statement of a JDBC batch
 * counts, as the server runs each one. Transaction control ({@code BEGIN}/{@code COMMIT}, sent by the driver for
 * {@code setAutoCommit}/{@code commit}) is not counted.
 */
public final class StatementCounter {

    public static final String HEADER = "X-Test-Count-Statements";

    private static final ThreadLocal<List<String>> CAPTURE = new ThreadLocal<>();
    private static final Map<String, List<String>> RECORDED = new ConcurrentHashMap<>();
    private static final ThreadLocal<int[]> CONNECTIONS_TAKEN = new ThreadLocal<>();
    private static final Map<String, Integer> CONNECTIONS = new ConcurrentHashMap<>();
    private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate");

    private StatementCounter() {
    }

    /** The statements executed by the request that carried {@code label}, waiting briefly for it to finish. */
    public static List<String> statementsOf(String label) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (!RECORDED.containsKey(label) && System.nanoTime() < until) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> statements = RECORDED.remove(label);
        if (statements == null) {
            throw new IllegalStateException("No request carried " + HEADER + ": " + label);
        }
        return statements;
    }

    /**
     * How many connections the request that carried {@code label} took from the pool (a transaction takes one even
     * when it sends nothing); call after {@link #statementsOf}, which waits for the request to finish.
     */
    public static int connectionsOf(String label) {
        Integer taken = CONNECTIONS.remove(label);
        if (taken == null) {
            throw new IllegalStateException("No finished request carried " + HEADER + ": " + label);
        }
        return taken;
    }

    /** Records the statements of requests carrying {@link #HEADER}; registered ahead of every other filter. */
    public static OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return request.getHeader(HEADER) == null;
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                List<String> statements = new ArrayList<>();
                int[] connections = new int[1];
                CAPTURE.set(statements);
                CONNECTIONS_TAKEN.set(connections);
                try {
                    chain.doFilter(request, response);
                }
                finally {
                    CAPTURE.remove();
                    CONNECTIONS_TAKEN.remove();
                    CONNECTIONS.put(request.getHeader(HEADER), connections[0]);
                    RECORDED.put(request.getHeader(HEADER), statements);
                }
            }
        };
    }

    /** The data source whose connections report their statements to the current request's capture. */
    public static DataSource counting(DataSource target) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws SQLException {
                return connection(super.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return connection(super.getConnection(username, password));
            }
        };
    }

    private static void record(String sql) {
        List<String> capture = CAPTURE.get();
        if (capture != null) {
            capture.add(sql == null ? "?" : sql.strip().replaceAll("\\s+", " "));
        }
    }

    private static Connection connection(Connection target) {
        int[] taken = CONNECTIONS_TAKEN.get();
        if (taken != null) {
            taken[0]++;
        }
        return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                new Class<?>[] { Connection.class }, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    String name = method.getName();
                    if (result instanceof CallableStatement statement) {
                        return statement(statement, CallableStatement.class, (String) args[0]);
                    }
                    if (result instanceof PreparedStatement statement && name.equals("prepareStatement")) {
                        return statement(statement, PreparedStatement.class, (String) args[0]);
                    }
                    if (result instanceof Statement statement && name.equals("createStatement")) {
                        return statement(statement, Statement.class, null);
                    }
                    if (name.equals("unwrap") && args[0] == Connection.class) {
                        return proxy;
                    }
                    return result;
                });
    }

    private static Object statement(Statement target, Class<?> type, String preparedSql) {
        List<String> batch = new ArrayList<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (EXECUTING.contains(name)) {
                record(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
            }
            else if (name.equals("addBatch")) {
                batch.add(args != null && args.length > 0 ? (String) args[0] : preparedSql);
            }
            else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                batch.forEach(sql -> record("[batch] " + sql));
                batch.clear();
            }
            else if (name.equals("clearBatch")) {
                batch.clear();
            }
            return invoke(target, method, args);
        };
        return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type }, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}
