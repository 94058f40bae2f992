package org.gridgov.shared.job;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Hands out the {@link JobQueue} of each {@link JobTable}: one per table and application node. */
@Component
public class JobQueues {

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final JsonMapper json;
    private final Map<String, JobQueue> queues = new ConcurrentHashMap<>();

    JobQueues(JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    public JobQueue queue(JobTable table) {
        JobQueue queue = queues.computeIfAbsent(table.table(),
                t -> new JobQueue(table, jdbc, transactions, json, hostName() + "/" + UUID.randomUUID().toString()
                    .substring(0, 8)));
        if (!queue.table().equals(table)) {
            throw new IllegalStateException("Two definitions of the job table " + table.table());
        }
        return queue;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (IOException ex) {
            return "node";
        }
    }
}
