package org.pilegate.store.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The embedded store's commits per second, run by {@code bundles/store/benchmark.sh} in a process of its own: the
 * gateway's 16 workers on a pool of 8 connections, each committing a status point (one row, as a session's state
 * change or tick writes) in a transaction of its own, as fast as they can. Two ways to make a commit durable, in
 * alternating rounds of the same run: H2 writing every commit before it returns ({@code WRITE_DELAY=0}, the store
 * before group commit) and {@link DurableCommits}. Prints a Markdown report.
 */
public final class CommitBenchmark {

    private static final int WORKERS = 16;
    private static final int POOL = 8;
    private static final long ROUND_MS = 5_000;
    private static final int ROUNDS = 3;

    private CommitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## %s — %d cores, %s %s, Java %s, load average %.2f at start%n%n"
                        + "%d workers, a pool of %d, rounds of %d s, alternating.%n%n"
                        + "| round | commit | commits/s | file writes (flushes) |%n|---|---|--:|--:|%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), load(), WORKERS, POOL,
                ROUND_MS / 1000));
        Path folder = Files.createTempDirectory("commit-benchmark");
        for (int round = 1; round <= ROUNDS; round++) {
            JdbcDataSource each = embedded(folder, "each-" + round, ";WRITE_DELAY=0");
            out.append(row(round, "each on its own (WRITE_DELAY=0)", run(each), "= commits"));
            DurableCommits grouped = new DurableCommits(embedded(folder, "grouped-" + round, ""));
            double rate = run(grouped);
            out.append(row(round, "grouped (DurableCommits)", rate, Long.toString(grouped.flushes())));
            grouped.close();
        }
        out.append(String.format(Locale.ROOT, "%nLoad average at the end: %.2f%n", load()));
        System.out.print(out);
    }

    private static double run(DataSource database) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setDataSource(database);
        config.setMaximumPoolSize(POOL);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection connection = pool.getConnection(); Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE session_status (session_id VARCHAR(64), seq BIGINT,"
                        + " at TIMESTAMP WITH TIME ZONE, state VARCHAR(16), power_w BIGINT, register_wh BIGINT,"
                        + " PRIMARY KEY (session_id, seq))");
            }
            AtomicLong commits = new AtomicLong();
            long until = System.nanoTime() + ROUND_MS * 1_000_000;
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    done.add(workers.submit(() -> {
                        String session = UUID.randomUUID().toString();
                        for (long seq = 0; System.nanoTime() < until; seq++) {
                            commitPoint(pool, session, seq);
                            commits.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : done) {
                    worker.get();
                }
            } finally {
                workers.shutdownNow();
            }
            return commits.get() * 1000.0 / ROUND_MS;
        }
    }

    private static void commitPoint(DataSource pool, String session, long seq) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO session_status VALUES (?, ?, ?, 'CHARGING', 7400, ?)")) {
                insert.setString(1, session);
                insert.setLong(2, seq);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.setLong(4, seq * 10);
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    private static JdbcDataSource embedded(Path folder, String name, String settings) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + folder.resolve(name).toAbsolutePath() + settings);
        h2.setUser("sa");
        return h2;
    }

    private static String row(int round, String commit, double rate, String flushes) {
        return String.format(Locale.ROOT, "| %d | %s | %,.0f | %s |%n", round, commit, rate, flushes);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
