package org.gridgov.shared.startup;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link StartupTask} once the application is started (issue 18: lazy work off the start-up path).
 * <p>
 * With {@code gridgov.startup.background=true} (the web application's default) the tasks run one after the other
 * on the thread {@code startup-work}, so the context, the web server and liveness are up at once while the
 * readiness group's {@code startupWork} component stays OUT_OF_SERVICE until {@link #done()}; a failing task stops
 * the node with exit code 1, as a failing ApplicationRunner did. With {@code false} (the default of the modules'
 * test applications and of the web application's tests) they run on the caller's thread before the context is
 * handed out, so tests see demo data and the grid index right after the context starts.
 */
@Component
public class StartupWork {

    private static final Logger log = LoggerFactory.getLogger(StartupWork.class);

    private final ObjectProvider<StartupTask> tasks;
    private final boolean background;
    private volatile String current = "waiting for the application to start";
    private volatile boolean done;
    private volatile Throwable failure;
    private volatile long tookMillis;

    StartupWork(ObjectProvider<StartupTask> tasks, @Value("${gridgov.startup.background:false}") boolean background) {
        this.tasks = tasks;
        this.background = background;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onReady(ApplicationReadyEvent event) {
        List<StartupTask> ordered = tasks.orderedStream().toList();
        if (!background) {
            runAll(ordered);
            return;
        }
        ConfigurableApplicationContext context = event.getApplicationContext();
        Thread thread = new Thread(() -> {
            try {
                runAll(ordered);
            }
            catch (RuntimeException | Error ex) {
                log.error("Start-up work '{}' failed; stopping: the node would never become ready", current, ex);
                System.exit(SpringApplication.exit(context, () -> 1));
            }
        }, "startup-work");
        thread.setDaemon(true);
        thread.start();
    }

    private void runAll(List<StartupTask> ordered) {
        long started = System.nanoTime();
        for (StartupTask task : ordered) {
            current = task.startupTaskName();
            long taskStarted = System.nanoTime();
            try {
                task.runAtStartup();
            }
            catch (RuntimeException | Error ex) {
                failure = ex;
                throw ex;
            }
            log.info("Start-up work '{}' took {} ms", current, (System.nanoTime() - taskStarted) / 1_000_000);
        }
        tookMillis = (System.nanoTime() - started) / 1_000_000;
        current = null;
        done = true;
        log.info("Start-up work done in {} ms ({}){}", tookMillis,
                String.join(", ", ordered.stream().map(StartupTask::startupTaskName).toList()),
                background ? ": ready for traffic" : "");
    }

    /** Whether every task has run. */
    public boolean done() {
        return done;
    }

    /** The task running now, or null when done. */
    public String current() {
        return current;
    }

    /** The failure of a task, or null. */
    public Throwable failure() {
        return failure;
    }

    /** How long all tasks took, once done. */
    public long tookMillis() {
        return tookMillis;
    }
}
