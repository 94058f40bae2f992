package org.gridgov.points;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The points ledger benchmark's Java side (benchmarks/points/run.sh drives it): the application's own
 * {@link PointsLedger#post} code, one transaction per transfer, from many threads, against a throw-away PostgreSQL.
 * Not a test (the name ends in neither Test nor IT).
 * <pre>
 * setup  --url=… --accounts=50 --shards=8       migrate, create and fund accounts, print their ids
 * run    --url=… --mode=random|hot1|hot8|hot32 --clients=8 --seconds=20 --warmup=5
 * </pre>
 */
public final class LedgerBenchmark {

    static final long FUNDS = 1_000_000_000_000L;
    static final long HOT1_OWNER = 999_000_001L;
    static final long HOT8_OWNER = 999_000_008L;
    static final long HOT32_OWNER = 999_000_032L;
    static final long PERSON_OWNER_BASE = 900_000_000L;

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int clients = Integer.parseInt(opts.getOrDefault("clients", "8"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(opts.get("url"));
        config.setUsername(opts.getOrDefault("user", "postgres"));
        config.setMaximumPoolSize(clients + 1);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            PointsLedger ledger = new PointsLedger(jdbc, new PointsProperties(32, 16, Duration.ofDays(14), 5, 2, 100));
            switch (args[0]) {
                case "setup" -> setup(opts, dataSource, jdbc, tx, ledger);
                case "run" -> run(opts, clients, jdbc, tx, ledger);
                default -> throw new IllegalArgumentException("setup or run");
            }
        }
    }

    static void setup(Map<String, String> opts, javax.sql.DataSource dataSource, JdbcTemplate jdbc,
            TransactionTemplate tx, PointsLedger ledger) {
        Flyway.configure().dataSource(dataSource).locations(opts.getOrDefault("migrations", "filesystem:db/migration"))
            .load().migrate();
        int accounts = Integer.parseInt(opts.getOrDefault("accounts", "50"));
        for (int i = 0; i < accounts; i++) {
            long owner = PERSON_OWNER_BASE + i;
            long id = tx.execute(s -> ledger.personAccount(owner, "bench-" + owner));
            tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, "bench-fund-" + owner, null, "bench",
                    ledger.issuanceAccount(), id, FUNDS)));
        }
        jdbc.update("insert into ledger_account (kind, owner_id, shard, name) values ('POOL', ?, 0, 'bench hot pool')",
                HOT1_OWNER);
        for (int shard = 0; shard < 32; shard++) {
            if (shard < 8) {
                jdbc.update("insert into ledger_account (kind, owner_id, shard, name) values ('POOL', ?, ?, 'bench pool')",
                        HOT8_OWNER, shard);
            }
            jdbc.update("insert into ledger_account (kind, owner_id, shard, name) values ('POOL', ?, ?, 'bench pool')",
                    HOT32_OWNER, shard);
        }
        System.out.println("first_person=" + firstId(jdbc, "PERSON", PERSON_OWNER_BASE));
        System.out.println("persons=" + accounts);
        System.out.println("hot1_first=" + firstId(jdbc, "POOL", HOT1_OWNER));
        System.out.println("hot8_first=" + firstId(jdbc, "POOL", HOT8_OWNER));
        System.out.println("hot32_first=" + firstId(jdbc, "POOL", HOT32_OWNER));
    }

    static long firstId(JdbcTemplate jdbc, String kind, long owner) {
        return jdbc.queryForObject("select min(id) from ledger_account where kind = ? and owner_id >= ?", Long.class,
                kind, owner);
    }

    static void run(Map<String, String> opts, int clients, JdbcTemplate jdbc, TransactionTemplate tx,
            PointsLedger ledger) throws InterruptedException {
        String mode = opts.getOrDefault("mode", "random");
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        long firstPerson = firstId(jdbc, "PERSON", PERSON_OWNER_BASE);
        int persons = jdbc.queryForObject("select count(*) from ledger_account where kind = 'PERSON' and owner_id >= ?",
                Integer.class, PERSON_OWNER_BASE);
        long hot1 = firstId(jdbc, "POOL", HOT1_OWNER);
        long hot8 = firstId(jdbc, "POOL", HOT8_OWNER);
        long hot32 = firstId(jdbc, "POOL", HOT32_OWNER);

        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] samples = new long[2_000_000];
            latencies.add(samples);
            int[] n = { 0 };
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    long a = firstPerson + random.nextInt(persons);
                    long b;
                    EntryType type = EntryType.ADJUST;
                    switch (mode) {
                        case "hot1" -> {
                            b = hot1;
                            type = EntryType.DONATE;
                        }
                        case "hot8" -> {
                            b = hot8 + random.nextInt(8);
                            type = EntryType.DONATE;
                        }
                        case "hot32" -> {
                            b = hot32 + random.nextInt(32);
                            type = EntryType.DONATE;
                        }
                        default -> {
                            long other = firstPerson + random.nextInt(persons - 1);
                            b = other >= a ? other + 1 : other;
                        }
                    }
                    Transfer transfer = Transfer.of(type, UUID.randomUUID().toString(), null, "bench", a, b, 1);
                    long start = System.nanoTime();
                    try {
                        tx.execute(s -> ledger.post(transfer));
                        if (counting.get()) {
                            done.increment();
                            if (n[0] < samples.length) {
                                samples[n[0]++] = System.nanoTime() - start;
                            }
                        }
                    }
                    catch (RuntimeException e) {
                        failed.increment();
                    }
                }
                samples[samples.length - 1] = n[0];
            });
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(warmup * 1000L);
        counting.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        counting.set(false);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> all = new ArrayList<>();
        for (long[] samples : latencies) {
            int count = (int) samples[samples.length - 1];
            for (int i = 0; i < count; i++) {
                all.add(samples[i]);
            }
        }
        all.sort(null);
        System.out.printf("mode=%s%n", mode);
        System.out.printf("clients=%d%n", clients);
        System.out.printf("transfers=%d%n", done.sum());
        System.out.printf("failed=%d%n", failed.sum());
        System.out.printf("tps=%.0f%n", done.sum() / elapsed);
        if (!all.isEmpty()) {
            System.out.printf("latency_p50_ms=%.2f%n", all.get(all.size() / 2) / 1e6);
            System.out.printf("latency_p99_ms=%.2f%n", all.get((int) (all.size() * 0.99)) / 1e6);
        }
    }
}
