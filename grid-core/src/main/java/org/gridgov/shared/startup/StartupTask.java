package org.gridgov.shared.startup;

/**
 * Work a node does once at start, after the application context is up and before it reports itself ready
 * (issue 18): creating the first administrator, loading demo data, loading the in-memory grid index. The web
 * application runs every such bean in {@link org.springframework.core.annotation.Order} order, by default on a
 * background thread while readiness ({@code /actuator/health/readiness}) stays OUT_OF_SERVICE — the process answers
 * liveness at once, a load balancer sends no traffic before the work is done. With
 * {@code gridgov.startup.background=false} (tests) the work runs in the caller before the context is handed out,
 * as ApplicationRunners did.
 */
public interface StartupTask {

    /** What the task does, for the log and the readiness details. */
    String startupTaskName();

    /** Does the work; an exception stops the node (as a failed ApplicationRunner did). */
    void runAtStartup();
}
