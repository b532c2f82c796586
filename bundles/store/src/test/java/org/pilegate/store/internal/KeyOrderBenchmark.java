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
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.pilegate.api.session.SessionId;

import com.sun.management.OperatingSystemMXBean;

/**
 * What the order of session ids costs the embedded store, run by {@code bundles/store/benchmark.sh keys} in a process
 * of its own: a store holding an hour of a 2,000-pile depot's history (30,000 sessions of 50 status points) takes 20
 * status ticks of 2,000 sessions under way, each tick's points committed in one transaction through
 * {@link DurableCommits}, as the session service writes them. Once with random ids (UUID version 4) and once with ids
 * made in time order ({@link SessionId#random()}, version 7), in alternating rounds; the process's CPU time and the
 * growth of the file per round. Prints a Markdown report.
 */
public final class KeyOrderBenchmark {

    private static final int HISTORY_SESSIONS = 30_000;
    private static final int POINTS_PER_SESSION = 50;
    private static final int UNDER_WAY = 2_000;
    private static final int TICKS = 20;
    private static final int ROUNDS = 2;

    private KeyOrderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## %s — session ids in time order or random: %d cores, %s %s, Java %s, load average %.2f at start"
                        + "%n%nA store of %,d sessions of %d points; %d ticks of %,d sessions' points, one commit"
                        + " each (DurableCommits).%n%n| round | session ids | CPU s | ms per tick | file growth MiB |"
                        + "%n|---|---|--:|--:|--:|%n",
                Instant.now(), os.getAvailableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), os.getSystemLoadAverage(),
                HISTORY_SESSIONS, POINTS_PER_SESSION, TICKS, UNDER_WAY));
        Path folder = Files.createTempDirectory("key-order-benchmark");
        for (int round = 1; round <= ROUNDS; round++) {
            out.append(round(os, folder, round, "random (version 4)", () -> UUID.randomUUID().toString()));
            out.append(round(os, folder, round, "in time order (version 7)", () -> SessionId.random().value()));
        }
        out.append(String.format(Locale.ROOT, "%nLoad average at the end: %.2f%n", os.getSystemLoadAverage()));
        System.out.print(out);
    }

    private static String round(OperatingSystemMXBean os, Path folder, int round, String ids, Supplier<String> id)
            throws Exception {
        Path file = folder.resolve("store-" + round + "-" + ids.charAt(0) + ".mv.db");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + file.toString().replace(".mv.db", ""));
        h2.setUser("sa");
        try (DurableCommits store = new DurableCommits(h2); Connection connection = store.getConnection()) {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE session_status (session_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL,"
                        + " at TIMESTAMP WITH TIME ZONE NOT NULL, state VARCHAR(16) NOT NULL, power_w BIGINT NOT NULL,"
                        + " register_wh BIGINT NOT NULL, PRIMARY KEY (session_id, seq))");
            }
            connection.setAutoCommit(false);
            for (int made = 0; made < HISTORY_SESSIONS; made += UNDER_WAY) {
                tick(connection, sessions(id, UNDER_WAY), 1, POINTS_PER_SESSION);
            }
            List<String> underWay = sessions(id, UNDER_WAY);
            long sizeBefore = Files.size(file);
            long cpuBefore = os.getProcessCpuTime();
            long started = System.nanoTime();
            for (int tick = 0; tick < TICKS; tick++) {
                tick(connection, underWay, POINTS_PER_SESSION + 1 + tick, 1);
            }
            long elapsed = System.nanoTime() - started;
            return String.format(Locale.ROOT, "| %d | %s | %.2f | %.0f | %.1f |%n", round, ids,
                    (os.getProcessCpuTime() - cpuBefore) / 1e9, elapsed / 1e6 / TICKS,
                    (Files.size(file) - sizeBefore) / (double) (1 << 20));
        }
    }

    private static List<String> sessions(Supplier<String> id, int count) {
        List<String> sessions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sessions.add(id.get());
        }
        return sessions;
    }

    /** {@code points} status points from {@code firstSeq} on for each session, committed in one transaction. */
    private static void tick(Connection connection, List<String> sessions, long firstSeq, int points)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO session_status VALUES (?, ?, ?, 'CHARGING', 7400, ?)")) {
            for (String session : sessions) {
                for (long seq = firstSeq; seq < firstSeq + points; seq++) {
                    insert.setString(1, session);
                    insert.setLong(2, seq);
                    insert.setTimestamp(3, Timestamp.from(Instant.now()));
                    insert.setLong(4, seq * 10);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        connection.commit();
    }
}
